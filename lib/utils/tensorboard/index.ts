// torch.utils.tensorboard
export { SummaryWriter, FileWriter } from './writer.js';
