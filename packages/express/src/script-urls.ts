import type { InspectorSession } from './inspector-session';
import { callInspector } from './inspector-session';
import { logger } from './safe';

/** Scripts remembered at most; an app that compiles more loses file paths. */
const MAX_SCRIPTS = 50_000;

/** Minimum time between two refreshes, which cost one event per loaded script. */
const MIN_REFRESH_INTERVAL_MS = 1000;

interface ScriptParsed {
  params: { scriptId: string; url: string };
}

/**
 * The URL of each script V8 has compiled, by script id. The inspector gives
 * a function's location as a script id, and only the Debugger domain maps
 * ids to URLs: enabling it replays one `scriptParsed` event per loaded
 * script. The domain is enabled only for the replay and disabled right
 * after, because while it is on V8 reports every new script and keeps more
 * debug data.
 */
export class ScriptUrls {
  private urls = new Map<string, string>();
  private lastRefresh = Number.NEGATIVE_INFINITY;
  private warnedFull = false;

  constructor(private readonly session: InspectorSession) {}

  /**
   * Returns the URL of a script, refreshing the map when the id is new and
   * the last refresh is old enough. Returns undefined for an unknown id and
   * an empty string for scripts without a URL (`eval`, `new Function`).
   */
  urlOf(scriptId: string): string | undefined {
    const known = this.urls.get(scriptId);
    if (known !== undefined) return known;
    if (Date.now() - this.lastRefresh < MIN_REFRESH_INTERVAL_MS) {
      return undefined;
    }
    this.refresh();
    return this.urls.get(scriptId);
  }

  /** Replays every loaded script into a new map. */
  refresh(): void {
    const urls = new Map<string, string>();
    const listener = (message: ScriptParsed) => {
      if (urls.size < MAX_SCRIPTS) {
        urls.set(message.params.scriptId, message.params.url);
      }
    };
    this.lastRefresh = Date.now();
    this.session.on('Debugger.scriptParsed', listener);
    try {
      callInspector(this.session, 'Debugger.enable');
    } finally {
      this.session.off('Debugger.scriptParsed', listener);
      callInspector(this.session, 'Debugger.disable');
    }
    this.urls = urls;
    if (urls.size >= MAX_SCRIPTS && !this.warnedFull) {
      this.warnedFull = true;
      logger.warn(
        `more than ${MAX_SCRIPTS} scripts are loaded; code.file.path is ` +
          'missing for handlers in scripts past that count',
      );
    }
  }
}
