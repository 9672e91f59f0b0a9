import { DiagLogLevel, diag } from '@opentelemetry/api';

/** Collects the diag messages logged while it is installed. */
export class DiagCapture {
  readonly warnings: string[] = [];
  readonly infos: string[] = [];

  install(): void {
    const ignore = (): void => undefined;
    // Component loggers pass their namespace as the first argument.
    const join = (...parts: unknown[]): string => parts.map(String).join(' ');
    diag.setLogger(
      {
        error: (...parts) => this.warnings.push(join(...parts)),
        warn: (...parts) => this.warnings.push(join(...parts)),
        info: (...parts) => this.infos.push(join(...parts)),
        debug: ignore,
        verbose: ignore,
      },
      { logLevel: DiagLogLevel.INFO, suppressOverrideMessage: true },
    );
  }

  clear(): void {
    this.warnings.length = 0;
    this.infos.length = 0;
  }

  uninstall(): void {
    diag.disable();
  }
}
