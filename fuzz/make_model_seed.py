#!/usr/bin/python3
"""Writes the model fuzzer's seed: a tiny scripted CNN (with its convoscope.json) as a "CVSF" record file.

Usage: /usr/bin/python3 fuzz/make_model_seed.py fuzz/corpus/model/tiny-cnn.cvsf

A .pt is a zip whose members are mostly deflated and CRC-checked, so byte mutations of the file itself die in
the container. The fuzzer's input is therefore the members, uncompressed ("CVSF", then per member: name,
NUL, 4-byte little-endian length, bytes); fuzz_model.cpp writes them back into a valid zip before loading.
"""
import io
import json
import struct
import sys
import zipfile

import torch
import torch.nn as nn


class TinyCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 2, 3, padding=1)
        self.relu = nn.ReLU()
        self.pool = nn.MaxPool2d(2)
        self.fc = nn.Linear(2 * 3 * 3, 3)

    def forward(self, x):
        x = self.pool(self.relu(self.conv(x)))
        return self.fc(torch.flatten(x, 1))


def main():
    torch.manual_seed(0)
    model = torch.jit.script(TinyCnn().eval())
    meta = {"display_name": "tiny", "class_names": ["a", "b", "c"], "input_shape": [1, 6, 6],
            "normalization": {"mean": [0.5], "std": [0.25]}}
    buffer = io.BytesIO()
    torch.jit.save(model, buffer, _extra_files={"convoscope.json": json.dumps(meta)})
    out = bytearray(b"CVSF")
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        for info in archive.infolist():
            if info.filename.endswith(".debug_pkl"):
                continue  # debug info only: keeps the seed small
            data = archive.read(info)
            out += info.filename.encode() + b"\0" + struct.pack("<I", len(data)) + data
    with open(sys.argv[1], "wb") as f:
        f.write(out)


if __name__ == "__main__":
    main()
