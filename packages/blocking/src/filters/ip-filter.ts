import type { Filter, RequestView, Verdict } from '../types';
import { CidrSet, parseAddress, parseRange } from './cidr-set';
import type { IpFilterOptions } from './ip-options';
import { validateIpFilterOptions } from './ip-options';
import { logProblems } from './logger';

export const IP_FILTER_NAME = 'ip';

function buildSet(entries: readonly string[]): CidrSet {
  const set = new CidrSet();
  for (const entry of entries) {
    const range = parseRange(entry);
    if (range !== undefined) set.add(range, entry);
  }
  return set;
}

/**
 * Creates the IP filter from `blocking.ip` options, or returns undefined when
 * its mode is `off`. The lists are compiled once, so a lookup costs a few
 * hash lookups per distinct prefix length, whatever the list sizes.
 */
export function createIpFilter(
  input: Partial<IpFilterOptions> = {},
): Filter | undefined {
  const { options, problems } = validateIpFilterOptions(input);
  logProblems(IP_FILTER_NAME, problems);
  if (options.mode === 'off') return undefined;
  const mode = options.mode;
  const deny = buildSet(options.deny);
  const allow = buildSet(options.allow);

  function check(view: RequestView): Verdict | undefined {
    const address =
      view.clientIp === undefined ? undefined : parseAddress(view.clientIp);
    if (address === undefined) {
      // Failing open keeps a service reachable when the client address is
      // missing (a socket already closed). Only monitor mode records it, so
      // a rollout can find requests that the lists could not judge.
      return mode === 'monitor'
        ? block('unknown-client-ip', 'client IP unknown; lists not applied')
        : undefined;
    }
    const denied = deny.match(address);
    if (denied !== undefined) {
      return block(`deny ${denied}`, `client IP in deny list (${denied})`);
    }
    if (allow.size > 0 && allow.match(address) === undefined) {
      return block('not-allowed', 'client IP not in allow list');
    }
    return undefined;
  }

  return { name: IP_FILTER_NAME, stages: ['headers'], mode, check };
}

function block(rule: string, reason: string): Verdict {
  return { action: 'block', status: 403, rule, reason };
}
