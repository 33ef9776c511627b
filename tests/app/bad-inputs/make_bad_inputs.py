#!/usr/bin/python3
"""Makes the committed bad-input files of tests/app/test_bad_inputs.cpp (run once by hand; the outputs are
small and committed so the test needs no torch at run time).

Usage: /usr/bin/python3 tests/app/bad-inputs/make_bad_inputs.py tests/app/bad-inputs
"""
import os
import sys

import torch
import torch.nn as nn

out = sys.argv[1]

# An operator libtorch has never heard of: registered from Python only, so the C++ loader cannot resolve it.
lib = torch.library.Library("convoscope_test", "DEF")
lib.define("mystery(Tensor x) -> Tensor")
lib.impl("mystery", lambda x: x * 2, "CPU")


class UnknownOp(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 2, 3)

    def forward(self, x):
        return torch.ops.convoscope_test.mystery(self.conv(x)).flatten(1)


# Ops the layer view has no picture for (an FFT, a sort) between ordinary layers: must still load and run.
class ExoticOps(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 2, 3, padding=1)
        self.fc = nn.Linear(2 * 8 * 5, 3)

    def forward(self, x):
        x = torch.fft.rfft2(self.conv(x)).abs()
        x = torch.sort(x, dim=-1).values
        return self.fc(x.flatten(1))


torch.manual_seed(0)
torch.jit.save(torch.jit.script(UnknownOp().eval()), os.path.join(out, "unknown-op.pt"))
torch.jit.save(torch.jit.script(ExoticOps().eval()), os.path.join(out, "exotic-ops.pt"))
