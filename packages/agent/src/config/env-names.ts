/** Prefix of every Tracegate environment variable. */
export const ENV_PREFIX = 'TRACEGATE_';

/** Environment variable that names the YAML configuration file. */
export const CONFIG_FILE_ENV = `${ENV_PREFIX}CONFIG_FILE`;

/**
 * Derives a key's environment variable: `capture.maxBodyBytes` becomes
 * `TRACEGATE_CAPTURE_MAX_BODY_BYTES`.
 */
export function envNameFor(key: string): string {
  const snake = key
    .split('.')
    .map((segment) => segment.replace(/([a-z0-9])([A-Z])/g, '$1_$2'))
    .join('_');
  return ENV_PREFIX + snake.toUpperCase();
}
