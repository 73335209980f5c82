// torchvision.transforms.functional's warps through a sampling grid: perspective (four corners moved
// to four others) and elastic_transform (a per-pixel displacement field). On an Image, perspective is
// Pillow's Image.transform(PERSPECTIVE) (binding/pil_resample.cc) and elastic_transform works on the
// image's pixels as a tensor, as torchvision's do; on a tensor both are torchvision's grid_sample code
// (binding/vision.cc).
import * as torch from '../../index.js';
import { native } from '../../native.js';
import { badArg } from '../../errors.js';
import { Image } from '../image.js';
import { bind, type Args } from '../../bind.js';
import { getDimensions, interpCode, spatial, type Input } from './functional.js';
import { fillList, pilFill, pilTransformFilter, tensorInterp, wrapH } from './grid-options.js';

function corners(points: unknown, name: string): number[][] {
  if (!Array.isArray(points) || !points.every((p) => Array.isArray(p) && p.length === 2 && p.every(Number.isFinite))) {
    badArg('four [x, y] points of finite numbers', name, points);
  }
  return points as number[][];
}

/**
 * torchvision's _get_perspective_coeffs: the eight coefficients that map an output pixel to the
 * input, solved by least squares in double precision and kept in float32, as torchvision 0.15+ does.
 */
function perspectiveCoeffs(startpoints: number[][], endpoints: number[][]): number[] {
  if (startpoints.length !== 4 || endpoints.length !== 4) {
    throw new RangeError(`Please provide exactly four corners, got ${startpoints.length} startpoints and ${endpoints.length} endpoints.`);
  }
  const rows = endpoints.flatMap(([x1, y1], i) => {
    const [x2, y2] = startpoints[i]!;
    return [[x1!, y1!, 1, 0, 0, 0, -x2! * x1!, -x2! * y1!], [0, 0, 0, x1!, y1!, 1, -y2! * x1!, -y2! * y1!]];
  });
  const a = torch.tensor(rows, { dtype: torch.float64 });
  const b = torch.tensor(startpoints, { dtype: torch.float64 }).view(8);
  return torch.linalg.lstsq(a, b, { driver: 'gels' }).solution.float().tolist() as number[];
}

/**
 * Moves the image's four corners `startpoints` ([top-left, top-right, bottom-right, bottom-left], as
 * [x, y]) to `endpoints` (torchvision's F.perspective). The area left uncovered takes `fill`.
 */
export function perspective(...args: Args<'torchvision.transforms.functional.perspective'>): Input {
  const { img, startpoints, endpoints, interpolation, fill } = bind('torchvision.transforms.functional.perspective', args);
  const coeffs = perspectiveCoeffs(corners(startpoints, 'startpoints'), corners(endpoints, 'endpoints'));
  const mode = interpolation ?? 'bilinear';
  const interp = interpCode(mode);
  if (img instanceof Image) {
    const options = { interp, fill: pilFill(fill, img.data.size(2)) };
    pilTransformFilter(mode);
    return new Image(wrapH(native.pilPerspective(img.data, coeffs, options)), img.mode);
  }
  tensorInterp(mode, ['nearest', 'bilinear']);
  return spatial(img, (t) => wrapH(native.visionPerspective(t, coeffs, { interp, fill: gridFill(fill, t) })));
}

/** torchvision's _assert_grid_transform_inputs on fill: one value, or one per channel */
function gridFill(fill: number | number[] | null | undefined, t: torch.Tensor): number[] | null {
  const list = fillList(fill, 1);
  const channels = getDimensions(t)[0];
  if (list !== null && list.length > 1 && list.length !== channels) {
    throw new RangeError(`The number of elements in 'fill' cannot broadcast to match the number of channels of the image (${list.length} != ${channels})`);
  }
  return list;
}

/**
 * Moves every pixel by `displacement`, a 1×H×W×2 tensor of (x, y) offsets in grid_sample's [-1, 1]
 * coordinates (torchvision's F.elastic_transform; ElasticTransform draws one).
 */
export function elasticTransform(...args: Args<'torchvision.transforms.functional.elasticTransform'>): Input {
  const { img, displacement, interpolation, fill } = bind('torchvision.transforms.functional.elasticTransform', args);
  if (!(displacement instanceof torch.Tensor)) throw new TypeError('Argument displacement should be a Tensor');
  if (!(img instanceof Image) && !(img instanceof torch.Tensor)) badArg('an Image or a Tensor', 'img', img);
  const [, h, w] = getDimensions(img);
  const expected = [1, h, w, 2];
  if (displacement.dim() !== 4 || displacement.shape.some((s, i) => s !== expected[i])) {
    throw new RangeError(`Argument displacement shape should be (${expected.join(', ')}), but given torch.Size([${displacement.shape.join(', ')}])`);
  }
  const mode = interpolation ?? 'bilinear';
  const interp = interpCode(mode);
  if (interp > 2) throw new RangeError(`nn.functional.grid_sample(): expected mode to be 'bilinear', 'nearest' or 'bicubic', but got: '${mode}'`);
  return spatial(img, (t) => wrapH(native.visionElastic(t, displacement, { interp, fill: fillList(fill, 1) })));
}
