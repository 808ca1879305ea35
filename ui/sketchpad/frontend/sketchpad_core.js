/*
 * The drawing's answer, computed in the browser: the same steps as the server's Python, so the page
 * can answer within a frame and the server's answer (which follows) says the same.
 *
 *  - prepare(rgba, width, height, profile): cnn_core/preprocess.py's steps for an opaque drawing
 *    (grey, light on dark, crop to the item, Lanczos to the item's size as Pillow does it in 8-bit
 *    fixed point, centre in 28x28). Returns {image28} or {blank: true}.
 *  - readModel(arrayBuffer): the file cnn_core/browser_model.py writes.
 *  - forward(model, image28): every layer's output and the class probabilities.
 *  - stripColumns(spec, outputs, image28): the network strip's columns as 0..255 codes, laid out as
 *    cnn_core/figures/network.py lays them out for the server's strip (codes per column's own scale,
 *    channel maps tiled with a one-pixel gap of code 0).
 *
 * Plain functions with no page around them: tests/unit/test_browser_model.py runs this file in
 * Node.js against Pillow and TensorFlow.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.SketchpadCore = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  const SIZE = 28;
  const INK_THRESHOLD = 0.1;
  const MASS_CENTRE = 14.0;
  const MIN_INK = 8;
  const PRECISION_BITS = 32 - 8 - 2;   // Pillow's fixed point for 8-bit resampling

  /* Python's round(): halves go to the even neighbour. */
  function roundHalfEven(value) {
    const floor = Math.floor(value);
    const diff = value - floor;
    if (diff > 0.5) return floor + 1;
    if (diff < 0.5) return floor;
    return floor % 2 === 0 ? floor : floor + 1;
  }

  /* numpy.median: the middle value, or the mean of the two middle ones. */
  function median(values) {
    const sorted = Float64Array.from(values).sort();
    const middle = sorted.length >> 1;
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  /* The outer ring of pixels, in numpy's order (top rows, bottom rows, left and right strips). */
  function border(values, height, width) {
    const ring = Math.max(1, roundHalfEven(0.02 * Math.min(height, width)));
    const out = [];
    for (let y = 0; y < ring; y++) for (let x = 0; x < width; x++) out.push(values[y * width + x]);
    for (let y = height - ring; y < height; y++) for (let x = 0; x < width; x++) out.push(values[y * width + x]);
    for (let y = ring; y < height - ring; y++) for (let x = 0; x < ring; x++) out.push(values[y * width + x]);
    for (let y = ring; y < height - ring; y++) for (let x = width - ring; x < width; x++) out.push(values[y * width + x]);
    return out;
  }

  /* Pillow's "L": (19595 R + 38470 G + 7471 B + 0x8000) >> 16. */
  function gray(rgba, count) {
    const out = new Uint8Array(count);
    for (let i = 0; i < count; i++) {
      out[i] = (rgba[4 * i] * 19595 + rgba[4 * i + 1] * 38470 + rgba[4 * i + 2] * 7471 + 0x8000) >>> 16;
    }
    return out;
  }

  /* preprocess._light_on_dark in float32, as numpy does it. */
  function lightOnDark(grey, height, width) {
    const f = Math.fround;
    let values = Float32Array.from(grey);
    if (median(border(grey, height, width)) > 127.5) values = values.map((v) => 255 - v);
    const ring = border(values, height, width);
    const background = f(median(ring));
    const noise = 1.4826 * f(median(ring.map((v) => Math.abs(f(v - background)))));
    const floor = Math.min(background + 3.0 * noise, 254.0);
    const out = new Uint8Array(values.length);
    const floor32 = f(floor);
    const gain = f(255.0 / (255.0 - floor));
    for (let i = 0; i < values.length; i++) {
      let v = values[i];
      if (floor > 0) v = f(f(v - floor32) * gain);
      out[i] = roundHalfEven(Math.min(255, Math.max(0, v)));
    }
    return out;
  }

  /* preprocess._item_box: [top, bottom, left, right] of the item, or null when it is blank. */
  function itemBox(image, height, width) {
    let peak = 0;
    for (const v of image) if (v > peak) peak = v;
    if (peak < MIN_INK) return null;
    const level = Math.max(1.0, INK_THRESHOLD * peak);
    let top = height, bottom = -1, left = width, right = -1;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        if (image[y * width + x] >= level) {
          if (y < top) top = y;
          if (y > bottom) bottom = y;
          if (x < left) left = x;
          if (x > right) right = x;
        }
      }
    }
    bottom += 1;
    right += 1;
    const edgeInRow = (y, x0, x1) => { for (let x = x0; x < x1; x++) if (image[y * width + x] > 0) return true; return false; };
    const edgeInCol = (x, y0, y1) => { for (let y = y0; y < y1; y++) if (image[y * width + x] > 0) return true; return false; };
    if (top > 0 && edgeInRow(top - 1, left, right)) top -= 1;
    if (bottom < height && edgeInRow(bottom, left, right)) bottom += 1;
    if (left > 0 && edgeInCol(left - 1, top, bottom)) left -= 1;
    if (right < width && edgeInCol(right, top, bottom)) right += 1;
    return [top, bottom, left, right];
  }

  function lanczos(x) {
    const sinc = (t) => { if (t === 0.0) return 1.0; t *= Math.PI; return Math.sin(t) / t; };
    return -3.0 <= x && x < 3.0 ? sinc(x) * sinc(x / 3) : 0.0;
  }

  /* Pillow's precompute_coeffs + normalize_coeffs_8bpc for one axis. */
  function coefficients(inSize, outSize) {
    const scale = inSize / outSize;
    const filterScale = Math.max(scale, 1.0);
    const support = 3.0 * filterScale;
    const bounds = [];
    const weights = [];
    for (let xx = 0; xx < outSize; xx++) {
      const centre = (xx + 0.5) * scale;
      const ss = 1.0 / filterScale;
      const xmin = Math.max(0, Math.trunc(centre - support + 0.5));
      const xmax = Math.min(inSize, Math.trunc(centre + support + 0.5)) - xmin;
      const k = [];
      let total = 0.0;
      for (let x = 0; x < xmax; x++) {
        const w = lanczos((x + xmin - centre + 0.5) * ss);
        k.push(w);
        total += w;
      }
      bounds.push([xmin, xmax]);
      weights.push(k.map((w) => {
        const normal = total !== 0.0 ? w / total : w;
        return Math.trunc(normal < 0 ? -0.5 + normal * (1 << PRECISION_BITS) : 0.5 + normal * (1 << PRECISION_BITS));
      }));
    }
    return { bounds, weights };
  }

  function clip8(sum) {
    if (sum >= 2 ** (PRECISION_BITS + 8)) return 255;
    if (sum <= 0) return 0;
    return Math.floor(sum / 2 ** PRECISION_BITS);
  }

  /* Image.resize(size, LANCZOS) of an "L" picture: horizontal pass, then vertical, each in 8 bits. */
  function resizeLanczos(image, height, width, outHeight, outWidth) {
    let current = image, currentWidth = width;
    if (outWidth !== width) {
      const { bounds, weights } = coefficients(width, outWidth);
      const next = new Uint8Array(height * outWidth);
      for (let y = 0; y < height; y++) {
        for (let xx = 0; xx < outWidth; xx++) {
          const [xmin, count] = bounds[xx];
          let sum = 1 << (PRECISION_BITS - 1);
          for (let x = 0; x < count; x++) sum += current[y * currentWidth + xmin + x] * weights[xx][x];
          next[y * outWidth + xx] = clip8(sum);
        }
      }
      current = next;
      currentWidth = outWidth;
    }
    if (outHeight !== height) {
      const { bounds, weights } = coefficients(height, outHeight);
      const next = new Uint8Array(outHeight * currentWidth);
      for (let yy = 0; yy < outHeight; yy++) {
        const [ymin, count] = bounds[yy];
        for (let x = 0; x < currentWidth; x++) {
          let sum = 1 << (PRECISION_BITS - 1);
          for (let y = 0; y < count; y++) sum += current[(ymin + y) * currentWidth + x] * weights[yy][y];
          next[yy * currentWidth + x] = clip8(sum);
        }
      }
      current = next;
    }
    return current;
  }

  /* preprocess._centre: paste into a black 28x28 frame, centring the box or the centre of mass. */
  function centre(item, height, width, centring) {
    let top = Math.floor((SIZE - height + 1) / 2), left = Math.floor((SIZE - width + 1) / 2);
    if (centring === "mass") {
      let total = 0, rows = 0, cols = 0;
      for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
        const v = item[y * width + x];
        total += v; rows += v * y; cols += v * x;
      }
      if (total > 0) {
        top = Math.min(Math.max(roundHalfEven(MASS_CENTRE - rows / total), 0), SIZE - height);
        left = Math.min(Math.max(roundHalfEven(MASS_CENTRE - cols / total), 0), SIZE - width);
      }
    }
    const frame = new Uint8Array(SIZE * SIZE);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) frame[(top + y) * SIZE + left + x] = item[y * width + x];
    return frame;
  }

  /* An opaque RGBA drawing -> the 28x28 picture the model sees ({image28}), or {blank: true}. */
  function prepare(rgba, width, height, profile) {
    const grey = lightOnDark(gray(rgba, width * height), height, width);
    const box = itemBox(grey, height, width);
    if (box === null) return { blank: true };
    const [top, bottom, left, right] = box;
    const cropHeight = bottom - top, cropWidth = right - left;
    const crop = new Uint8Array(cropHeight * cropWidth);
    for (let y = 0; y < cropHeight; y++) for (let x = 0; x < cropWidth; x++) crop[y * cropWidth + x] = grey[(top + y) * width + left + x];
    const scale = profile.item_size / Math.max(cropHeight, cropWidth);
    const outWidth = Math.max(1, roundHalfEven(cropWidth * scale));
    const outHeight = Math.max(1, roundHalfEven(cropHeight * scale));
    const scaled = resizeLanczos(crop, cropHeight, cropWidth, outHeight, outWidth);
    return { image28: centre(scaled, outHeight, outWidth, profile.centring) };
  }

  /* ------------------------------------------------------------------ the network */

  function readModel(buffer) {
    const headerLength = new DataView(buffer).getUint32(0, true);
    const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 4, headerLength)));
    return { ...header, weights: new Float32Array(buffer, 4 + headerLength) };
  }

  function slice(model, where) {
    return where ? model.weights.subarray(where[0], where[0] + where[1]) : null;
  }

  /* TensorFlow's output size and leading padding for one axis. */
  function window(size, kernel, stride, padding) {
    if (padding === "same") {
      const out = Math.ceil(size / stride);
      return { out, pad: Math.floor(Math.max((out - 1) * stride + kernel - size, 0) / 2) };
    }
    return { out: Math.floor((size - kernel) / stride) + 1, pad: 0 };
  }

  function activate(values, activation) {
    if (activation === "relu") for (let i = 0; i < values.length; i++) values[i] = values[i] > 0 ? values[i] : 0;
    if (activation === "softmax") {
      let peak = -Infinity;
      for (const v of values) if (v > peak) peak = v;
      let total = 0;
      const exps = Array.from(values, (v) => { const e = Math.exp(v - peak); total += e; return e; });
      for (let i = 0; i < values.length; i++) values[i] = exps[i] / total;
    }
    return values;
  }

  function conv(model, layer, input, [height, width, channels]) {
    const [kRows, kCols, kIn, kOut] = layer.kernel_shape;
    const kernel = slice(model, layer.kernel), bias = slice(model, layer.bias);
    const rows = window(height, kRows, layer.strides[0], layer.padding);
    const cols = window(width, kCols, layer.strides[1], layer.padding);
    const out = new Float32Array(rows.out * cols.out * kOut);
    const sums = new Float64Array(kOut);
    for (let r = 0; r < rows.out; r++) {
      for (let c = 0; c < cols.out; c++) {
        if (bias) for (let o = 0; o < kOut; o++) sums[o] = bias[o]; else sums.fill(0);
        for (let i = 0; i < kRows; i++) {
          const y = r * layer.strides[0] + i - rows.pad;
          if (y < 0 || y >= height) continue;
          for (let j = 0; j < kCols; j++) {
            const x = c * layer.strides[1] + j - cols.pad;
            if (x < 0 || x >= width) continue;
            const at = (y * width + x) * channels;
            const k = ((i * kCols + j) * kIn) * kOut;
            for (let ch = 0; ch < kIn; ch++) {
              const v = input[at + ch];
              if (v === 0) continue;
              const row = k + ch * kOut;
              for (let o = 0; o < kOut; o++) sums[o] += v * kernel[row + o];
            }
          }
        }
        out.set(sums, (r * cols.out + c) * kOut);
      }
    }
    return { values: activate(out, layer.activation), shape: [rows.out, cols.out, kOut] };
  }

  function pool(layer, input, [height, width, channels]) {
    const rows = window(height, layer.size[0], layer.strides[0], layer.padding);
    const cols = window(width, layer.size[1], layer.strides[1], layer.padding);
    const out = new Float32Array(rows.out * cols.out * channels);
    for (let r = 0; r < rows.out; r++) for (let c = 0; c < cols.out; c++) for (let ch = 0; ch < channels; ch++) {
      let best = -Infinity, total = 0, count = 0;
      for (let i = 0; i < layer.size[0]; i++) {
        const y = r * layer.strides[0] + i - rows.pad;
        if (y < 0 || y >= height) continue;
        for (let j = 0; j < layer.size[1]; j++) {
          const x = c * layer.strides[1] + j - cols.pad;
          if (x < 0 || x >= width) continue;
          const v = input[(y * width + x) * channels + ch];
          if (v > best) best = v;
          total += v; count += 1;
        }
      }
      out[(r * cols.out + c) * channels + ch] = layer.mode === "max" ? best : total / count;
    }
    return { values: out, shape: [rows.out, cols.out, channels] };
  }

  function dense(model, layer, input) {
    const kernel = slice(model, layer.kernel), bias = slice(model, layer.bias);
    const units = layer.units;
    const sums = new Float64Array(units);
    if (bias) for (let o = 0; o < units; o++) sums[o] = bias[o];
    for (let i = 0; i < input.length; i++) {
      const v = input[i];
      if (v === 0) continue;
      const row = i * units;
      for (let o = 0; o < units; o++) sums[o] += v * kernel[row + o];
    }
    return { values: activate(Float32Array.from(sums), layer.activation), shape: [units] };
  }

  /* The picture through every layer: [{name, kind, shape, values}] and the probabilities. */
  function forward(model, image28) {
    let values = Float32Array.from(image28), shape = model.input.slice();
    const outputs = [];
    for (const layer of model.layers) {
      let result;
      if (layer.kind === "rescale") {
        result = { values: values.map((v) => v * layer.scale + layer.offset), shape };
      } else if (layer.kind === "conv") {
        result = conv(model, layer, values, shape);
      } else if (layer.kind === "scale_shift") {
        const scale = slice(model, layer.scale), shift = slice(model, layer.shift), channels = shape[shape.length - 1];
        result = { values: values.map((v, i) => v * scale[i % channels] + shift[i % channels]), shape };
      } else if (layer.kind === "activation") {
        result = { values: activate(Float32Array.from(values), layer.activation), shape };
      } else if (layer.kind === "pool") {
        result = pool(layer, values, shape);
      } else if (layer.kind === "global_pool") {
        const channels = shape[2], count = shape[0] * shape[1];
        const out = new Float32Array(channels).fill(layer.mode === "max" ? -Infinity : 0);
        for (let i = 0; i < values.length; i++) {
          const ch = i % channels;
          out[ch] = layer.mode === "max" ? Math.max(out[ch], values[i]) : out[ch] + values[i] / count;
        }
        result = { values: out, shape: [channels] };
      } else if (layer.kind === "flatten") {
        result = { values, shape: [values.length] };
      } else if (layer.kind === "dense") {
        result = dense(model, layer, values);
      } else {
        throw new Error("unknown layer kind " + layer.kind);
      }
      values = result.values;
      shape = result.shape;
      outputs.push({ name: layer.name, kind: layer.kind, shape, values });
    }
    return { outputs, probabilities: Array.from(values) };
  }

  /* ------------------------------------------------------------------ the strip */

  /* Values as 1..255 codes on one shared scale, and the scale's kind (signed values: diverging). */
  function codes(values) {
    let low = Infinity, high = -Infinity;
    for (const v of values) { if (v < low) low = v; if (v > high) high = v; }
    let kind = "sequential";
    if (low < 0) {
      const reach = Math.max(Math.abs(low), Math.abs(high), 1e-12);
      low = -reach; high = reach; kind = "diverging";
    } else {
      low = 0;
    }
    const span = high > low ? high - low : 1;
    return { codes: Uint8Array.from(values, (v) => 1 + roundHalfEven(254 * (v - low) / span)), kind };
  }

  /* The first ``maps`` channels of an HxWxC output side by side, ``across`` per row, code 0 between. */
  function mosaic(values, [rows, cols, channels], maps, across) {
    const picked = new Float64Array(maps * rows * cols);
    for (let m = 0; m < maps; m++) for (let p = 0; p < rows * cols; p++) picked[m * rows * cols + p] = values[p * channels + m];
    const coded = codes(picked);
    const height = Math.ceil(maps / across) * (rows + 1) - 1, width = across * (cols + 1) - 1;
    const tiled = new Uint8Array(height * width);
    for (let m = 0; m < maps; m++) {
      const top = Math.floor(m / across) * (rows + 1), left = (m % across) * (cols + 1);
      for (let r = 0; r < rows; r++) {
        tiled.set(coded.codes.subarray((m * rows + r) * cols, (m * rows + r + 1) * cols), (top + r) * width + left);
      }
    }
    return { codes: tiled, height, width, kind: coded.kind };
  }

  /* Each column of ``spec`` (cnn_core.figures.network.browser_strip) as {name, codes, height, width,
     kind}: the picture in grey as it is, a mosaic of maps, or one tall column of numbers. */
  function stripColumns(spec, outputs, image28) {
    const byName = new Map(outputs.map((output) => [output.name, output]));
    return spec.columns.map((column) => {
      if (column.kind === "picture") {
        return { name: column.name, codes: Uint8Array.from(image28), height: SIZE, width: SIZE, kind: "gray" };
      }
      const layer = column.layers.filter((name) => byName.has(name)).pop();
      const output = byName.get(layer);
      if (column.kind === "mosaic") return { name: column.name, ...mosaic(output.values, output.shape, column.maps, column.across) };
      const coded = codes(Float64Array.from(output.values));
      return { name: column.name, codes: coded.codes, height: coded.codes.length, width: 1, kind: coded.kind };
    });
  }

  return { prepare, readModel, forward, stripColumns, roundHalfEven };
});
