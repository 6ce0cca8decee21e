"""Bloom's translator in PyTorch, the reference of `bloom bench train`.

The same network as bloom.nmt.net.Translator, layer for layer: source embeddings, two
bidirectional LSTM encoder layers (masked by packing), a context vector tanh(W[last; mean] + b),
a decoder of [target embedding; context] -> LSTM -> attention (scaled dot product over the real
source steps, projections without bias) -> [LSTM output; attention] -> LSTM -> linear -> softmax;
cross-entropy summed over each sentence's tokens and averaged over the batch; per-layer gradient
L2 clipping; plain SGD or Adam. It starts from Bloom's initial parameters and trains on Bloom's
minibatches, both read from the file Bloom writes, so the two loss curves can be compared step
by step.

Usage: python3 train_reference.py DATA THREADS
Prints one JSON object per minibatch: {"batch": i, "seconds": s, "loss": l}.
"""
import json
import struct
import sys
import time

import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence


def read(path):
    with open(path, "rb") as f:
        data = f.read()
    pos = 0

    def ints(n):
        nonlocal pos
        v = struct.unpack_from("<%di" % n, data, pos)
        pos += 4 * n
        return list(v)

    def doubles(n):
        nonlocal pos
        v = struct.unpack_from("<%dd" % n, data, pos)
        pos += 8 * n
        return list(v)

    magic, version, vs, vt, e, h, optimizer, count = ints(8)
    if magic != 0x424C4D54 or version != 1:
        raise SystemExit("%s: not a bench file of this version" % path)
    lr, clip = doubles(2)
    (n,) = ints(1)
    params = torch.frombuffer(bytearray(data[pos:pos + 4 * n]), dtype=torch.float32).clone()
    pos += 4 * n
    batches = []
    for _ in range(count):
        b, ts, tt = ints(3)
        src = torch.tensor(ints(ts * b), dtype=torch.long).view(ts, b)
        src_len = torch.tensor(ints(b), dtype=torch.long)
        tgt_in = torch.tensor(ints(tt * b), dtype=torch.long).view(tt, b)
        labels = torch.tensor(ints(tt * b), dtype=torch.long).view(tt, b)
        tgt_len = torch.tensor(ints(b), dtype=torch.long)
        batches.append((src, src_len, tgt_in, labels, tgt_len))
    return (vs, vt, e, h, optimizer, lr, clip, params, batches)


class Translator(nn.Module):
    def __init__(self, vs, vt, e, h):
        super().__init__()
        self.h = h
        self.src_emb = nn.Embedding(vs, e)
        self.enc1 = nn.LSTM(e, h, bidirectional=True)
        self.enc2 = nn.LSTM(2 * h, h, bidirectional=True)
        self.context = nn.Linear(4 * h, h)
        self.tgt_emb = nn.Embedding(vt, e)
        self.dec1 = nn.LSTM(e + h, h)
        self.wq = nn.Parameter(torch.empty(h, h))
        self.wk = nn.Parameter(torch.empty(2 * h, h))
        self.wv = nn.Parameter(torch.empty(2 * h, h))
        self.wo = nn.Parameter(torch.empty(h, h))
        self.dec2 = nn.LSTM(2 * h, h)
        self.out = nn.Linear(h, vt)
        # the layers as Bloom clips them, in Bloom's parameter order
        self.groups = [
            [self.src_emb.weight],
            list(self.enc1.parameters()),
            list(self.enc2.parameters()),
            list(self.context.parameters()),
            [self.tgt_emb.weight],
            list(self.dec1.parameters()),
            [self.wq, self.wk, self.wv, self.wo],
            list(self.dec2.parameters()),
            list(self.out.parameters()),
        ]

    def load_bloom(self, p):
        """Bloom's flat layout: LSTM W [nIn][4h], RW [h][4h], b [4h] with gates (a, f, o, i)."""
        h = self.h
        at = 0

        def take(n):
            nonlocal at
            v = p[at:at + n]
            at += n
            return v

        def lstm(module, suffix, n_in):
            w = take(n_in * 4 * h).view(n_in, 4 * h)
            rw = take(h * 4 * h).view(h, 4 * h)
            b = take(4 * h)
            # Bloom's gate blocks a f o i -> PyTorch's i f g o
            order = torch.cat([torch.arange(3 * h, 4 * h), torch.arange(h, 2 * h), torch.arange(0, h),
                               torch.arange(2 * h, 3 * h)])
            getattr(module, "weight_ih" + suffix).data.copy_(w[:, order].t())
            getattr(module, "weight_hh" + suffix).data.copy_(rw[:, order].t())
            getattr(module, "bias_ih" + suffix).data.copy_(b[order])
            getattr(module, "bias_hh" + suffix).data.zero_()

        e = self.src_emb.embedding_dim
        self.src_emb.weight.data.copy_(take(self.src_emb.num_embeddings * e).view(-1, e))
        lstm(self.enc1, "_l0", e)
        lstm(self.enc1, "_l0_reverse", e)
        lstm(self.enc2, "_l0", 2 * h)
        lstm(self.enc2, "_l0_reverse", 2 * h)
        self.context.weight.data.copy_(take(4 * h * h).view(4 * h, h).t())
        self.context.bias.data.copy_(take(h))
        self.tgt_emb.weight.data.copy_(take(self.tgt_emb.num_embeddings * e).view(-1, e))
        lstm(self.dec1, "_l0", e + h)
        self.wq.data.copy_(take(h * h).view(h, h))
        self.wk.data.copy_(take(2 * h * h).view(2 * h, h))
        self.wv.data.copy_(take(2 * h * h).view(2 * h, h))
        self.wo.data.copy_(take(h * h).view(h, h))
        lstm(self.dec2, "_l0", 2 * h)
        vt = self.out.out_features
        self.out.weight.data.copy_(take(h * vt).view(h, vt).t())
        self.out.bias.data.copy_(take(vt))
        if at != p.numel():
            raise SystemExit("parameter layout mismatch: used %d of %d" % (at, p.numel()))

    def loss(self, src, src_len, tgt_in, labels, tgt_len):
        ts, b = src.shape
        x = self.src_emb(src)
        x = pad_packed_sequence(self.enc1(pack_padded_sequence(x, src_len, enforce_sorted=False))[0], total_length=ts)[0]
        enc = pad_packed_sequence(self.enc2(pack_padded_sequence(x, src_len, enforce_sorted=False))[0], total_length=ts)[0]
        steps = torch.arange(ts).unsqueeze(1)
        src_mask = (steps < src_len.unsqueeze(0)).float()                      # [ts, b]
        last = enc[src_len - 1, torch.arange(b)]                                # [b, 2h]
        mean = (enc * src_mask.unsqueeze(2)).sum(0) / src_len.unsqueeze(1).float()
        ctx = torch.tanh(self.context(torch.cat([last, mean], 1)))              # [b, h]
        tt = tgt_in.shape[0]
        d_in = torch.cat([self.tgt_emb(tgt_in), ctx.unsqueeze(0).expand(tt, b, self.h)], 2)
        d1 = self.dec1(d_in)[0]                                                 # [tt, b, h]
        q = (d1 @ self.wq).transpose(0, 1)                                      # [b, tt, h]
        k = (enc @ self.wk).transpose(0, 1)                                     # [b, ts, h]
        v = (enc @ self.wv).transpose(0, 1)
        scores = q @ k.transpose(1, 2) / (self.h ** 0.5)                        # [b, tt, ts]
        scores = scores.masked_fill(src_mask.t().unsqueeze(1) == 0, float("-inf"))
        att = (torch.softmax(scores, 2) @ v).transpose(0, 1) @ self.wo          # [tt, b, h]
        d2 = self.dec2(torch.cat([d1, att], 2))[0]
        logits = self.out(d2)                                                   # [tt, b, vt]
        tgt_mask = torch.arange(tt).unsqueeze(1) < tgt_len.unsqueeze(0)
        nll = nn.functional.cross_entropy(logits.view(-1, logits.shape[2]), labels.view(-1), reduction="none")
        return (nll * tgt_mask.view(-1).float()).sum() / b


def main():
    vs, vt, e, h, optimizer, lr, clip, params, batches = read(sys.argv[1])
    torch.set_num_threads(int(sys.argv[2]))
    torch.manual_seed(0)
    model = Translator(vs, vt, e, h)
    model.load_bloom(params)
    torch.ones(64, 64) @ torch.ones(64, 64)
    blas = sorted({line.split()[-1] for line in open("/proc/self/maps") if "blas" in line and ".so" in line})
    print(json.dumps({"blas": blas, "threads": torch.get_num_threads()}), flush=True)
    opt = torch.optim.SGD(model.parameters(), lr=lr) if optimizer == 0 else torch.optim.Adam(model.parameters(), lr=lr)
    for i, batch in enumerate(batches):
        t0 = time.perf_counter()
        opt.zero_grad()
        loss = model.loss(*batch)
        loss.backward()
        if clip > 0:
            for group in model.groups:
                torch.nn.utils.clip_grad_norm_(group, clip)
        opt.step()
        value = loss.item()
        seconds = time.perf_counter() - t0
        print(json.dumps({"batch": i, "seconds": seconds, "loss": value}), flush=True)


if __name__ == "__main__":
    main()
