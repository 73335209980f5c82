// torch.optim
export { Optimizer, type ParamGroup, type ParamGroupInput, type OptimizerStateDict } from './optimizer.js';
export { SGD, Adam, AdamW, RMSprop, Adagrad, type SGDOptions, type AdamOptions, type AdamWOptions, type RMSpropOptions, type AdagradOptions } from './algorithms.js';
/**
 * torch.optim.lr_scheduler: learning-rate schedules (StepLR, CosineAnnealingLR, OneCycleLR, ReduceLROnPlateau, ...).
 *
 * PyTorch: [reference](https://docs.pytorch.org/docs/stable/optim.html#how-to-adjust-learning-rate)
 */
export * as lrScheduler from './lr-scheduler.js';
export { Adadelta, Adamax, ASGD, NAdam, RAdam, Rprop, Adafactor, Muon } from './tensor-algorithms.js';
export { LBFGS } from './lbfgs.js';
