#!/usr/bin/python3
"""Writes the benchmark's models (random weights, eval mode, scripted like users do) into OUTDIR, once."""
import os
import sys

import torch
import torchvision


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(0)
    for name, make in (("resnet18", torchvision.models.resnet18), ("resnet50", torchvision.models.resnet50)):
        path = os.path.join(out, name + ".pt")
        if os.path.exists(path):
            continue
        model = make(weights=None).eval()
        torch.jit.save(torch.jit.script(model), path + ".partial")
        os.replace(path + ".partial", path)
        print("wrote", path)


if __name__ == "__main__":
    main()
