// PixelShuffle, PixelUnshuffle and ChannelShuffle: channel/space rearrangements.
import { Module } from '../module.js';
import { Tensor } from '../../tensor.js';
import * as F from '../functional.js';
import { bind, type Args } from '../../bind.js';

export class PixelShuffle extends Module<[input: Tensor], Tensor> {
  declare upscaleFactor: number;
  constructor(...args: Args<'nn.PixelShuffle'>) {
    super();
    this.upscaleFactor = bind('nn.PixelShuffle', args).upscaleFactor;
  }
  forward(input: Tensor): Tensor { return F.pixelShuffle(input, this.upscaleFactor); }
  extraRepr(): string { return `upscale_factor=${this.upscaleFactor}`; }
}
export class PixelUnshuffle extends Module<[input: Tensor], Tensor> {
  declare downscaleFactor: number;
  constructor(...args: Args<'nn.PixelUnshuffle'>) {
    super();
    this.downscaleFactor = bind('nn.PixelUnshuffle', args).downscaleFactor;
  }
  forward(input: Tensor): Tensor { return F.pixelUnshuffle(input, this.downscaleFactor); }
  extraRepr(): string { return `downscale_factor=${this.downscaleFactor}`; }
}
export class ChannelShuffle extends Module<[input: Tensor], Tensor> {
  declare groups: number;
  constructor(...args: Args<'nn.ChannelShuffle'>) {
    super();
    this.groups = bind('nn.ChannelShuffle', args).groups;
  }
  forward(input: Tensor): Tensor { return F.channelShuffle(input, this.groups); }
  extraRepr(): string { return `groups=${this.groups}`; }
}
