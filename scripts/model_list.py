"""The torchvision.models builders torch-node has: scripts/models.txt, the one list of them."""
import os


def model_names():
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'models.txt')) as f:
        return [n for n in (line.split('#')[0].strip() for line in f) if n]
