#!/usr/bin/python3
"""numcodecs (Debian's 0.11, the codecs zarr-python uses) as the independent codec, for
tst_zarrcodecs.

  codec_reference.py DIR

DIR/codecs.json is a list of compressor objects as .zarray holds them; DIR/input.bin the bytes
to compress (float32 elements). For every index K of the list:
  DIR/K.enc (written by seisview, when present) is decoded by numcodecs into DIR/K.dec
  DIR/input.bin is encoded by numcodecs into DIR/K.py
"""
import json
import os
import sys

import numcodecs
import numpy as np


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__)
    d = argv[1]
    configs = json.load(open(os.path.join(d, 'codecs.json')))
    data = np.fromfile(os.path.join(d, 'input.bin'), dtype='<f4')
    for k, config in enumerate(configs):
        codec = numcodecs.get_codec(dict(config))
        enc = os.path.join(d, f'{k}.enc')
        if os.path.exists(enc):
            with open(os.path.join(d, f'{k}.dec'), 'wb') as f:
                f.write(bytes(codec.decode(open(enc, 'rb').read())))
        with open(os.path.join(d, f'{k}.py'), 'wb') as f:
            f.write(bytes(codec.encode(data)))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
