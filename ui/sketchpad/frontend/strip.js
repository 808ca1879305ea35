/*
 * The network strip, drawn in the page: every column of the model for the drawing, left to right,
 * as the server's plotly strip shows it (cnn_core/figures/network.py's network_strip): the picture,
 * each convolution or pooling as a mosaic of its maps, flatten and each dense layer as one tall
 * column of numbers, and the output's probabilities as bars. Each column is a canvas with one
 * pixel per number (its own 0..255 scale, from SketchpadCore.stripColumns), scaled up without
 * smoothing.
 *
 * SketchpadStrip.draw(section, spec, columns, probabilities, text, number) fills ``section``;
 * ``spec`` comes from cnn_core.figures.network.browser_strip.
 */
(function (root) {
  "use strict";

  const LABEL_LINES = 3;
  const NARROW_WIDTH = 40;      // a flatten or dense column, in CSS pixels (its bar is thinner)
  const BARS_WIDTH = 230;       // the probabilities: name, bar and percentage
  const GAP = 10;

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* ``template`` with {name} in bold (the app's Markdown "**{name}**") and {percent} filled in. */
  function sentence(line, template, name, percent) {
    line.replaceChildren();
    template.replace("{percent}", percent).split(/(\*\*\{name\}\*\*|\{name\})/).forEach((part) => {
      if (part === "**{name}**") line.append(element("strong", "", name));
      else if (part === "{name}") line.append(name);
      else if (part) line.append(part);
    });
  }

  const rgbTables = new Map();   // a colour table (its hex colours joined) -> RGB bytes, read once

  /* Each 0..255 code's colour in ``hexes`` as bytes: 3 per code. */
  function rgbTable(hexes) {
    const key = hexes.join("");
    if (!rgbTables.has(key)) {
      rgbTables.set(key, Uint8Array.from(hexes.flatMap((hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)))));
    }
    return rgbTables.get(key);
  }

  function paint(canvas, column, colours) {
    canvas.width = column.width;
    canvas.height = column.height;
    const context = canvas.getContext("2d");
    const image = context.createImageData(column.width, column.height);
    const table = rgbTable(colours[column.kind]);
    const pixels = image.data;
    column.codes.forEach((code, i) => {
      pixels[i * 4] = table[code * 3];
      pixels[i * 4 + 1] = table[code * 3 + 1];
      pixels[i * 4 + 2] = table[code * 3 + 2];
      pixels[i * 4 + 3] = 255;
    });
    context.putImageData(image, 0, 0);
  }

  /* A column's label: its first line (the layer's name) in bold, then the others. */
  function label(className, lines) {
    const box = element("div", className);
    lines.forEach((line, i) => box.append(element(i === 0 ? "strong" : "span", "", line)));
    return box;
  }

  function bars(probabilities, names, caption, number) {
    const top = probabilities.indexOf(Math.max(...probabilities));
    const table = element("table", "strip-bars");
    table.createCaption().textContent = caption;
    table.caption.className = "visually-hidden";   // the column's own label says it on screen
    const body = table.createTBody();
    probabilities.forEach((p, index) => {
      const row = body.insertRow();
      if (index === top) row.className = "top";
      const name = element("th", "", names[index]);
      name.scope = "row";
      row.append(name);
      const cell = row.insertCell();
      const bar = element("div", "bar");
      const track = element("div", "track");
      const fill = element("div", "fill");
      fill.style.width = (100 * p).toFixed(1) + "%";
      track.append(fill);
      bar.append(track, element("span", "percent", number(100 * p, 0) + "%"));
      cell.append(bar);
    });
    return table;
  }

  function draw(section, spec, columns, probabilities, text, number) {
    const style = getComputedStyle(section);
    const labelSize = parseFloat(style.getPropertyValue("--label-size")) || 11;
    const labelRoom = Math.ceil(LABEL_LINES * labelSize * 1.25 + 6);
    const room = spec.height - 2 * labelRoom;                         // the tallest a column may be
    const narrow = columns.filter((column) => column.width === 1).length;
    const width = section.clientWidth - BARS_WIDTH - narrow * (NARROW_WIDTH + GAP) - GAP * (columns.length - narrow);
    // as plotly splits the width: each picture column by its weight (a mosaic: its width / height)
    const weights = columns.map((column, i) => spec.columns[i].weight || column.width / column.height);
    const wide = columns.reduce((sum, column, i) => sum + (column.width > 1 ? weights[i] : 0), 0);
    const scale = Math.max(40, width / wide);   // px of width per unit of weight

    const top = probabilities.indexOf(Math.max(...probabilities));
    const row = element("div", "strip-columns");
    row.style.padding = `${labelRoom}px 0`;
    row.style.height = room + "px";
    columns.forEach((column, index) => {
      const about = spec.columns[index];
      const box = element("div", "strip-column");
      box.title = column.name;
      const canvas = element("canvas");
      canvas.setAttribute("role", "img");
      canvas.setAttribute("aria-label", about.label.join(" "));
      canvas.dataset.layer = column.name;
      canvas.dataset.sum = String(column.codes.reduce((sum, code, i) => sum + code * ((i % 251) + 1), 0));
      paint(canvas, column, spec.colours);
      if (column.width === 1) {
        box.classList.add("narrow");
        box.style.width = NARROW_WIDTH + "px";
        canvas.style.height = room + "px";
      } else {
        const height = Math.min(room, scale * weights[index] * column.height / column.width);
        canvas.style.height = height + "px";
        canvas.style.width = (height * column.width / column.height) + "px";
      }
      const frame = element("div", "maps");
      frame.append(canvas);
      if (about.selected !== null && about.selected !== undefined) {
        const [rows, cols] = about.shape;
        const ring = element("div", "ring");
        ring.style.borderColor = spec.highlight;
        ring.style.top = (100 * Math.floor(about.selected / about.across) * (rows + 1) / column.height) + "%";
        ring.style.left = (100 * (about.selected % about.across) * (cols + 1) / column.width) + "%";
        ring.style.height = (100 * rows / column.height) + "%";
        ring.style.width = (100 * cols / column.width) + "%";
        frame.append(ring);
      }
      box.append(frame, label("label " + (index % 2 === 0 ? "above" : "below"), about.label));
      row.append(box);
    });
    const output = element("div", "strip-column output");
    output.style.width = BARS_WIDTH + "px";
    output.append(bars(probabilities, spec.names, text.bars, number), label("label above", spec.output.label));
    row.append(output);

    if (!section.firstElementChild || section.firstElementChild.tagName !== "H2") {
      // kept from stroke to stroke: a screen reader hears the new answer once
      const line = element("p", "prediction");
      line.setAttribute("role", "status");
      section.replaceChildren(element("h2"), line, element("div"));
    }
    const [heading, line, previous] = section.children;
    heading.textContent = text.strip_header;
    sentence(line, text.prediction, spec.names[top], number(probabilities[top] * 100, 1) + "%");
    previous.replaceWith(row);
  }

  root.SketchpadStrip = { draw };
})(typeof self !== "undefined" ? self : this);
