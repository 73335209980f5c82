// torch-node/torchvision: datasets, transforms and models arrive with the data and models
// issues; the subpath export exists from the start so that imports resolve.
export const version = '0.1.0';
