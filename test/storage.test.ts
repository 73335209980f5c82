// x.storage() and x.untypedStorage(): the expectations are PyTorch's output for the same calls
// (torch.tensor([1., 2., 3., 4.])[1:3].storage() and so on, 1.13 and 2.14 alike).
import t from 'tap';
import * as torch from 'torch-node';

t.test('a view’s storage is all of its base’s memory, shared', async (t) => {
  const x = torch.tensor([1, 2, 3, 4]);
  const v = x.narrow(0, 1, 2);
  const s = v.storage();
  t.ok(s instanceof torch.TypedStorage);
  t.same([s.length, s.size(), s.nbytes(), s.elementSize()], [4, 4, 16, 4]);
  t.same(s.tolist(), [1, 2, 3, 4]);
  t.equal(s.dataPtr(), x.dataPtr(), 'the storage starts at the base’s first element');
  t.equal(s.dtype, torch.float32);
  t.equal(String(s.device), 'cpu');
  t.equal(String(s), ' 1.0\n 2.0\n 3.0\n 4.0\n[torch.storage.TypedStorage(dtype=torch.float32, device=cpu) of size 4]');
  const u = v.untypedStorage();
  t.ok(u instanceof torch.UntypedStorage);
  t.same([u.length, u.nbytes(), u.elementSize()], [16, 16, 1]);
  t.same(u.tolist().slice(0, 8), [0, 0, 128, 63, 0, 0, 0, 64], 'float32 1.0 and 2.0, little-endian');
  t.equal(String(u).split('\n').at(-1), '[torch.storage.UntypedStorage(device=cpu) of size 16]');
  t.same(s.untyped().tolist(), u.tolist());
  t.equal(v.untypedStorage().dataPtr(), x.untypedStorage().dataPtr(), 'views share a storage');
  t.not(x.clone().untypedStorage().dataPtr(), x.untypedStorage().dataPtr(), 'a clone does not');
  x.add_(1);
  t.same(s.tolist(), [2, 3, 4, 5], 'the storage sees writes to the tensor');
  t.equal(String(torch.tensor([true]).storage()), ' True\n[torch.storage.TypedStorage(dtype=torch.bool, device=cpu) of size 1]');
  t.equal(String(torch.tensor([1, 2], { dtype: torch.int64 }).storage()), ' 1\n 2\n[torch.storage.TypedStorage(dtype=torch.int64, device=cpu) of size 2]');
  t.same(torch.ones(2, { requiresGrad: true }).storage().tolist(), [1, 1], 'a tensor that requires grad');
  t.throws(() => (x as any).storage(1), { name: 'TypeError', message: /takes no arguments/ });
});
