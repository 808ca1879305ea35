// Runs ui/sketchpad/frontend/sketchpad_core.js on the cases a Python test wrote, for comparison
// with Pillow and TensorFlow: node run_sketchpad_core.js cases.json model.bin [strip.json] > answers.json
// cases.json: [{"rgba": base64, "width", "height", "profile": {"item_size", "centring"}}]
// strip.json (optional): cnn_core.figures.network.browser_strip's spec; each answer then holds the
// strip's columns as the page draws them.
"use strict";
const fs = require("fs");
const path = require("path");
const core = require(path.join(__dirname, "..", "..", "ui", "sketchpad", "frontend", "sketchpad_core.js"));

const cases = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const file = fs.readFileSync(process.argv[3]);
const model = core.readModel(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength));
const strip = process.argv[4] ? JSON.parse(fs.readFileSync(process.argv[4], "utf8")) : null;
const answers = cases.map((item) => {
  const rgba = new Uint8Array(Buffer.from(item.rgba, "base64"));
  const prepared = core.prepare(rgba, item.width, item.height, item.profile);
  if (prepared.blank) return { blank: true };
  const result = core.forward(model, prepared.image28);
  const answer = { image28: Array.from(prepared.image28), probabilities: result.probabilities,
                   shapes: result.outputs.map((output) => output.shape) };
  if (strip) {
    answer.strip = core.stripColumns(strip, result.outputs, prepared.image28).map((column) => (
      { name: column.name, kind: column.kind, height: column.height, width: column.width, codes: Array.from(column.codes) }));
  }
  return answer;
});
process.stdout.write(JSON.stringify(answers));
