// Training progress as users expect it: a bar with loss, speed and ETA on a terminal (cli-progress),
// plain lines otherwise (logs, CI).
import cliProgress from 'cli-progress';

export class Progress {
  private bar: cliProgress.SingleBar | null = null;
  private started = Date.now();
  private lastLine = 0;

  constructor(private readonly label: string, private readonly total: number) {
    if (process.stdout.isTTY) {
      this.bar = new cliProgress.SingleBar({
        format: `${label} [{bar}] {value}/{total} | loss {loss} | {speed} img/s | ETA {eta_formatted}`,
        hideCursor: true,
      }, cliProgress.Presets.shades_classic);
      this.bar.start(total, 0, { loss: '-', speed: '-' });
    }
  }

  /** step: batches done; images: images seen so far; loss: running mean loss */
  update(step: number, images: number, loss: number): void {
    const speed = (images / Math.max(1e-3, (Date.now() - this.started) / 1000)).toFixed(0);
    if (this.bar) {
      this.bar.update(step, { loss: loss.toFixed(4), speed });
    } else if (Date.now() - this.lastLine > 10000 || step === this.total) {
      this.lastLine = Date.now();
      console.log(`${this.label} ${step}/${this.total} loss ${loss.toFixed(4)} ${speed} img/s`);
    }
  }

  stop(): void {
    this.bar?.stop();
  }
}
