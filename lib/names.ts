// PyTorch's snake_case names and torch-node's camelCase ones, one rule both ways
// (state_dict keys, keyword arguments): zero_grad <-> zeroGrad, _step_count <-> _stepCount.

/** camelCase to PyTorch's snake_case: `momentumBuffer` -> `momentum_buffer`. */
export const snake = (s: string): string => s.replace(/(?<!^)[A-Z]/g, (c) => `_${c.toLowerCase()}`); // TMax -> T_max
/** PyTorch's snake_case to camelCase: `momentum_buffer` -> `momentumBuffer` (a leading `_` stays). */
export const camel = (s: string): string => s.replace(/(?<=[A-Za-z0-9])_([a-z])/g, (_, c: string) => c.toUpperCase());
