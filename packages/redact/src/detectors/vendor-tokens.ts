import type { Detector, Hit } from './detector';
import { prefixedPattern, scanPrefixed } from './detector';

/** A vendor token recognised by its documented prefix and alphabet. */
interface VendorToken {
  readonly name: string;
  readonly pattern: RegExp;
  /** Literals that every match contains, and their offsets from its start. */
  readonly prefixes: readonly string[];
  readonly offsets?: readonly number[];
  readonly cutPrefix: RegExp;
}

function vendorDetector(token: VendorToken): Detector {
  const search = prefixedPattern(token.pattern, token.prefixes, token.offsets);
  return {
    name: token.name,
    types: [token.name],
    scan(text: string, hits: Hit[]): void {
      scanPrefixed(
        text,
        search,
        token.name,
        hits,
        (_text, match) => match.index + match[0].length,
      );
    },
    cutType(fragment: string): string | undefined {
      return token.cutPrefix.test(fragment) ? token.name : undefined;
    },
  };
}

// NOTE: the CRC32 that ends a GitHub token is not verified. The prefix and
// length alone are specific enough, and a redactor should rather mask a
// token with a wrong checksum than show it.
/** Finds GitHub tokens: `ghp_`, `gho_`, `ghu_`, `ghs_` and `ghr_` with 36 characters, and `github_pat_` fine-grained tokens. */
export const githubToken = vendorDetector({
  name: 'github_token',
  pattern:
    /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{22,255})(?![A-Za-z0-9_])/g,
  prefixes: ['gh', 'gith'],
  cutPrefix: /^(?:gh[pousr]_|github_pat_)/,
});

/** Finds Slack tokens (`xoxb-`, `xoxp-`, `xoxa-`, `xoxr-`, `xoxs-`, `xoxe-`, `xapp-`) and incoming webhook URLs. */
export const slackToken = vendorDetector({
  name: 'slack_token',
  pattern:
    /(?<![A-Za-z0-9-])(?:xox[abeprs](?:\.[A-Za-z0-9]{1,16})?-[A-Za-z0-9-]{10,250}|xapp-\d-[A-Za-z0-9-]{10,250})(?![A-Za-z0-9-])|https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9/_-]{16,250}/g,
  prefixes: ['xox', 'xapp', 'hook'],
  offsets: [0, 0, 8],
  cutPrefix: /^(?:xox[abeprs]-|xapp-|https:\/\/hooks\.slack\.com\/)/,
});

/** Finds Stripe secret and restricted keys (`sk_live_`, `rk_test_` and so on) and webhook signing secrets (`whsec_`). */
export const stripeKey = vendorDetector({
  name: 'stripe_key',
  pattern:
    /(?<![A-Za-z0-9_])(?:[sr]k_(?:live|test)_[A-Za-z0-9]{10,247}|whsec_[A-Za-z0-9+/=]{24,250})(?![A-Za-z0-9_])/g,
  prefixes: ['_liv', '_tes', 'whse'],
  offsets: [2, 2, 0],
  cutPrefix: /^(?:[sr]k_(?:live|test)_|whsec_)/,
});

/** Finds Google API keys: `AIza` followed by 35 base64url characters. */
export const googleApiKey = vendorDetector({
  name: 'google_api_key',
  pattern: /(?<![A-Za-z0-9_-])AIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])/g,
  prefixes: ['AIza'],
  cutPrefix: /^AIza/,
});
