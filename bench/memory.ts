// The RSS curve of the memory test: 20,000 iterations that each make a 1 MB tensor and drop
// it, with no disposal and no await, printed every 1,000 iterations.
//   npm run bench:memory
import * as torch from 'torch-node';

const MB = 2 ** 20;
const start = Date.now();
let peak = 0;
console.log('iteration  RSS MB');
for (let i = 0; i <= 20000; i++) {
  const x = torch.empty(262144); // 1 MB of float32
  x.fill_(1);
  if (i % 1000 === 0) {
    const rss = process.memoryUsage().rss;
    peak = Math.max(peak, rss);
    console.log(`${String(i).padStart(9)}  ${(rss / MB).toFixed(0).padStart(6)}`);
  }
}
console.log(`peak RSS ${(peak / MB).toFixed(0)} MB after 20 GB allocated and dropped, ${((Date.now() - start) / 1000).toFixed(1)} s`);
