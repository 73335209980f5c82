// torch.utils.tensorboard.SummaryWriter: event files TensorBoard reads (TFRecord-framed Event
// protobufs, encoded by protobufjs from ./schema.ts), one per writer, appended off the training
// thread. Names, defaults, directory layout and the values written follow PyTorch's writer.py.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { hostname } from 'node:os';
import path from 'node:path';
import type * as Protobuf from 'protobufjs';
import { TENSORBOARD_PROTO } from './schema.js';
import { RecordWriter } from './record-writer.js';
import * as S from './summary.js';
import { bind, type Args, type ArgsWith } from '../../bind.js';
import type { Tensor } from '../../tensor.js';
import { badArg } from '../../errors.js';

let types: { Event: Protobuf.Type; HParamsPluginData: Protobuf.Type } | null = null;
function messages() {
  if (types) return types;
  // loaded with the first writer, not with torch-node: a program that logs nothing does not keep its
  // modules live, which every full collection would mark again
  const protobuf = createRequire(import.meta.url)('protobufjs') as typeof Protobuf;
  const root = new protobuf.Root();
  // the well-known google/protobuf/struct.proto that the hparams messages use, bundled with protobufjs
  root.addJSON((protobuf.common.get('google/protobuf/struct.proto') as { nested: Protobuf.INamespace['nested'] }).nested!);
  protobuf.parse(TENSORBOARD_PROTO, root, { keepCase: false });
  root.resolveAll();
  types = { Event: root.lookupType('tensorboard.Event'), HParamsPluginData: root.lookupType('tensorboard.HParamsPluginData') };
  return types;
}

let uid = 0;
/** EventFileWriter's file name: events.out.tfevents.<seconds>.<host>.<pid>.<uid><suffix> */
function eventFileName(suffix: string): string {
  return `events.out.tfevents.${String(Math.floor(Date.now() / 1000)).padStart(10, '0')}.${hostname()}.${process.pid}.${uid++}${suffix}`;
}

/** PyTorch's FileWriter: one event file in a directory. */
export class FileWriter {
  readonly logDir: string;
  private readonly records: RecordWriter;
  constructor(logDir: string, filenameSuffix = '') {
    this.logDir = logDir;
    mkdirSync(logDir, { recursive: true });
    this.records = new RecordWriter(path.join(logDir, eventFileName(filenameSuffix)));
    this.addEvent({ fileVersion: 'brain.Event:2' });
  }
  getLogdir(): string {
    return this.logDir;
  }
  addEvent(event: Record<string, unknown>, step?: number | null, walltime?: number | null): void {
    const e: Record<string, unknown> = { ...event, wallTime: walltime ?? Date.now() / 1000 };
    if (step !== null && step !== undefined) e.step = Math.trunc(step);
    const { Event } = messages();
    const err = Event.verify(e);
    if (err) throw new TypeError(`tensorboard: ${err}`);
    this.records.write(Event.encode(Event.fromObject(e)).finish());
  }
  addSummary(values: S.Value[], step?: number | null, walltime?: number | null): void {
    this.addEvent({ summary: { value: values } }, step, walltime);
  }
  flush(): Promise<void> {
    return this.records.flush();
  }
  close(): Promise<void> {
    return this.records.close();
  }
}

function defaultLogDir(comment: string): string {
  // datetime.now().strftime('%b%d_%H-%M-%S') + '_' + hostname + comment
  const d = new Date();
  const month = d.toLocaleString('en-US', { month: 'short' });
  const two = (n: number) => String(n).padStart(2, '0');
  return path.join('runs', `${month}${two(d.getDate())}_${two(d.getHours())}-${two(d.getMinutes())}-${two(d.getSeconds())}_${hostname()}${comment}`);
}

const stepOf = (v: unknown, name = 'globalStep'): number | null => {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v !== 'number' || !Number.isFinite(v)) return badArg('an integer step', name, v);
  return v;
};
const wallOf = (v: unknown): number | null => (v === null || v === undefined ? null : typeof v === 'number' ? v : badArg('a number of seconds', 'walltime', v));
const tagOf = (v: unknown, name = 'tag'): string => (typeof v === 'string' ? v : badArg('a string', name, v));

/**
 * Writes scalars, histograms, images, text and hyperparameters for TensorBoard
 * (torch.utils.tensorboard.SummaryWriter). Writes are queued to the file off the training thread;
 * `await writer.flush()` / `await writer.close()` wait for them to reach the disk.
 */
export class SummaryWriter {
  readonly logDir: string;
  private readonly filenameSuffix: string;
  private fileWriter: FileWriter | null = null;
  private readonly allWriters = new Map<string, FileWriter>();
  constructor(...args: Args<'utils.tensorboard.SummaryWriter'>) {
    const a = bind('utils.tensorboard.SummaryWriter', args);
    const comment = a.comment ?? '';
    if (typeof comment !== 'string') badArg('a string', 'comment', comment);
    this.logDir = a.logDir ? String(a.logDir) : defaultLogDir(comment);
    this.filenameSuffix = a.filenameSuffix ?? '';
    if (a.maxQueue !== undefined && !(Number.isInteger(a.maxQueue) && a.maxQueue > 0)) badArg('a positive integer', 'maxQueue', a.maxQueue);
    if (a.flushSecs !== undefined && !(typeof a.flushSecs === 'number' && a.flushSecs > 0)) badArg('a positive number of seconds', 'flushSecs', a.flushSecs);
    const w = this.getFileWriter();
    const purge = stepOf(a.purgeStep, 'purgeStep');
    if (purge !== null) {
      // as PyTorch: a restart marker that makes TensorBoard drop the later steps of an earlier run
      w.addEvent({ fileVersion: 'brain.Event:2' }, purge);
      w.addEvent({ sessionLog: { status: 1 } }, purge);
    }
  }
  /** The default writer, made on first use (and again after close()). */
  getFileWriter(): FileWriter {
    if (!this.fileWriter) {
      this.fileWriter = new FileWriter(this.logDir, this.filenameSuffix);
      this.allWriters.set(this.logDir, this.fileWriter);
    }
    return this.fileWriter;
  }
  /** The directory this writer writes to. */
  getLogdir(): string {
    return this.logDir;
  }

  /** addScalar(tag, scalarValue, globalStep?, walltime?, newStyle?, doublePrecision?): one value on a chart. */
  addScalar(...args: Args<'utils.tensorboard.SummaryWriter.addScalar'>): void {
    const a = bind('utils.tensorboard.SummaryWriter.addScalar', args, { name: 'addScalar' });
    this.getFileWriter().addSummary([S.scalar(tagOf(a.tag), S.scalarOf(a.scalarValue), a.newStyle ?? false, a.doublePrecision ?? false)], stepOf(a.globalStep), wallOf(a.walltime));
  }
  /** Each tag in its own run, <logDir>/<mainTag>_<tag>, all plotted on one chart. */
  addScalars(...args: Args<'utils.tensorboard.SummaryWriter.addScalars'>): void {
    const a = bind('utils.tensorboard.SummaryWriter.addScalars', args, { name: 'addScalars', objectParams: ['tagScalarDict'] });
    const mainTag = tagOf(a.mainTag, 'mainTag');
    if (typeof a.tagScalarDict !== 'object' || a.tagScalarDict === null) badArg('a record of tag to value', 'tagScalarDict', a.tagScalarDict);
    const walltime = wallOf(a.walltime) ?? Date.now() / 1000;
    for (const [tag, value] of Object.entries(a.tagScalarDict as Record<string, unknown>)) {
      const dir = `${this.getFileWriter().getLogdir()}/${mainTag.replace(/\//g, '_')}_${tag}`;
      let w = this.allWriters.get(dir);
      if (!w) {
        w = new FileWriter(dir, this.filenameSuffix);
        this.allWriters.set(dir, w);
      }
      w.addSummary([S.scalar(mainTag, S.scalarOf(value, `tagScalarDict.${tag}`))], stepOf(a.globalStep), walltime);
    }
  }
  /** addHistogram(tag, values, globalStep?, bins = 'tensorflow', walltime?, maxBins?): the distribution of values. */
  addHistogram(...args: ArgsWith<'utils.tensorboard.SummaryWriter.addHistogram', { bins?: 'tensorflow' | number | number[] | Tensor }>): void {
    const a = bind('utils.tensorboard.SummaryWriter.addHistogram', args as Args<'utils.tensorboard.SummaryWriter.addHistogram'>, { name: 'addHistogram' });
    this.getFileWriter().addSummary([S.histogram(tagOf(a.tag), a.values, a.bins ?? 'tensorflow', (a.maxBins ?? null) as number | null)], stepOf(a.globalStep), wallOf(a.walltime));
  }
  /** addImage(tag, imgTensor, globalStep?, walltime?, dataformats = 'CHW'): a float [0, 1] or uint8 image, PNG-encoded. */
  addImage(...args: Args<'utils.tensorboard.SummaryWriter.addImage'>): void {
    const a = bind('utils.tensorboard.SummaryWriter.addImage', args, { name: 'addImage' });
    this.getFileWriter().addSummary([S.image(tagOf(a.tag), a.imgTensor, a.dataformats ?? 'CHW')], stepOf(a.globalStep), wallOf(a.walltime));
  }
  /** addImages(tag, imgTensor, globalStep?, walltime?, dataformats = 'NCHW'): a batch of images as one grid. */
  addImages(...args: Args<'utils.tensorboard.SummaryWriter.addImages'>): void {
    const a = bind('utils.tensorboard.SummaryWriter.addImages', args, { name: 'addImages' });
    this.getFileWriter().addSummary([S.image(tagOf(a.tag), a.imgTensor, a.dataformats ?? 'NCHW')], stepOf(a.globalStep), wallOf(a.walltime));
  }
  /** addText(tag, textString, globalStep?, walltime?): text for TensorBoard's text tab. */
  addText(...args: Args<'utils.tensorboard.SummaryWriter.addText'>): void {
    const a = bind('utils.tensorboard.SummaryWriter.addText', args, { name: 'addText' });
    this.getFileWriter().addSummary([S.text(tagOf(a.tag), a.textString)], stepOf(a.globalStep), wallOf(a.walltime));
  }
  /** The hparams plugin's experiment, session start and end, and the metrics, in <logDir>/<runName>. */
  addHparams(...args: Args<'utils.tensorboard.SummaryWriter.addHparams'>): void {
    const a = bind('utils.tensorboard.SummaryWriter.addHparams', args, { name: 'addHparams', objectParams: ['hparamDict', 'metricDict', 'hparamDomainDiscrete'] });
    const h = S.hparams(a.hparamDict as never, a.metricDict as never, (a.hparamDomainDiscrete ?? {}) as never);
    const runName = a.runName ? String(a.runName) : String(Date.now() / 1000);
    const w = new FileWriter(path.join(this.getFileWriter().getLogdir(), runName), this.filenameSuffix);
    const { HParamsPluginData } = messages();
    const plugin = (tag: string, data: Record<string, unknown>): S.Value => ({
      tag,
      metadata: { pluginData: { pluginName: 'hparams', content: HParamsPluginData.encode(HParamsPluginData.fromObject({ ...data, version: 0 })).finish() } },
    });
    const step = stepOf(a.globalStep);
    w.addSummary([plugin('_hparams_/experiment', { experiment: h.experiment })], step);
    w.addSummary([plugin('_hparams_/session_start_info', { sessionStartInfo: h.sessionStartInfo })], step);
    w.addSummary([plugin('_hparams_/session_end_info', { sessionEndInfo: h.sessionEndInfo })], step);
    for (const [k, v] of Object.entries(a.metricDict as Record<string, unknown>)) w.addSummary([S.scalar(k, S.scalarOf(v, `metricDict.${k}`))], step);
    void w.close();
  }
  /** A model's graph needs its GraphDef from a trace, which torch-node does not build: refused, not skipped. */
  addGraph(..._args: unknown[]): never {
    throw new Error('SummaryWriter.addGraph is not supported by torch-node: save a TorchScript trace (torch.jit.trace(...).save) and open it in Netron instead');
  }
  /** Resolves once every event written so far is on disk. */
  async flush(): Promise<void> {
    await Promise.all([...this.allWriters.values()].map((w) => w.flush()));
  }
  /** Flushes and closes every event file; a later add* starts a new file, as in PyTorch. */
  async close(): Promise<void> {
    const writers = [...this.allWriters.values()];
    this.allWriters.clear();
    this.fileWriter = null;
    await Promise.all(writers.map((w) => w.close()));
  }
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
