/*
 * The sketchpad: a canvas that answers the moment a stroke ends. The drawing is prepared and run
 * through the model right here (sketchpad_core.js, the same steps as the server), the answer is
 * painted, and only then does the drawing go to the server as a small PNG for the rest of the page
 * (each step of the preparation, the 28x28 input, the learner's earlier drawings).
 *
 * Talks to Streamlit with its component messages (componentReady, render, setComponentValue,
 * setFrameHeight). For the benchmark, <body> carries data-released / data-answered: when the last
 * stroke ended and when its answer was painted (milliseconds since the epoch).
 */
(function () {
  "use strict";
  const core = window.SketchpadCore;
  const canvas = document.getElementById("pad");
  const context = canvas.getContext("2d", { willReadFrequently: true });
  const answer = document.getElementById("answer");
  const strip = document.getElementById("strip");
  const undoButton = document.getElementById("undo");
  const clearButton = document.getElementById("clear");

  let args = null;
  let strokes = [];          // each: {width, points: [[x, y], ...]}
  let base = null;           // a drawing brought back from the server (an <img>), under the strokes
  let latest = null;         // the change whose answer the page waits for (null: none of the learner's)
  const known = new Set();   // drawings this canvas sent or brought back: never brought back (again)
  let answeredFor = null;    // the arguments the answer on show was computed with
  let current = null;
  const models = new Map();  // url -> Promise of the read model

  function send(type, data) {
    window.parent.postMessage({ isStreamlitMessage: true, type, ...data }, "*");
  }

  function fitFrame() {
    send("streamlit:setFrameHeight", { height: Math.ceil(document.documentElement.scrollHeight) });
  }

  function now() {
    return performance.timeOrigin + performance.now();
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (match, name) => (name in values ? values[name] : match));
  }

  function number(value, decimals) {
    const text = value.toFixed(decimals);
    return args.digits ? text.replace(/[0-9]/g, (d) => args.digits[Number(d)]) : text;
  }

  /* The model at ``url``, fetched once: a promise, whose ``network`` is set once it has arrived. */
  function model(url) {
    if (!models.has(url)) {
      const loading = fetch(url).then((response) => {
        if (!response.ok) throw new Error("model " + response.status);
        return response.arrayBuffer();
      }).then((buffer) => { loading.network = core.readModel(buffer); return loading.network; });
      loading.catch(() => models.delete(url));   // a later stroke tries again
      models.set(url, loading);
    }
    return models.get(url);
  }

  /* ------------------------------------------------------------ drawing */

  function paintStroke(stroke) {
    context.lineCap = "round";
    context.lineJoin = "round";
    context.strokeStyle = "#ffffff";
    context.fillStyle = "#ffffff";
    context.lineWidth = stroke.width;
    const [first, ...rest] = stroke.points;
    if (!rest.length) {
      context.beginPath();
      context.arc(first[0], first[1], stroke.width / 2, 0, 2 * Math.PI);
      context.fill();
      return;
    }
    context.beginPath();
    context.moveTo(first[0], first[1]);
    for (const [x, y] of rest) context.lineTo(x, y);
    context.stroke();
  }

  function repaint() {
    context.fillStyle = "#000000";
    context.fillRect(0, 0, canvas.width, canvas.height);
    if (base) context.drawImage(base, 0, 0, canvas.width, canvas.height);
    strokes.forEach(paintStroke);
    undoButton.disabled = strokes.length === 0;
    clearButton.disabled = strokes.length === 0 && !base;
  }

  function point(event) {
    const box = canvas.getBoundingClientRect();
    return [(event.clientX - box.left) * canvas.width / box.width, (event.clientY - box.top) * canvas.height / box.height];
  }

  canvas.addEventListener("pointerdown", (event) => {
    if (!args || event.button > 0) return;
    canvas.setPointerCapture(event.pointerId);
    current = { width: args.brush, points: [point(event)] };
    strokes.push(current);
    paintStroke(current);
  });

  canvas.addEventListener("pointermove", (event) => {
    if (!current) return;
    const last = current.points[current.points.length - 1];
    const next = point(event);
    current.points.push(next);
    context.lineCap = "round";
    context.strokeStyle = "#ffffff";
    context.lineWidth = current.width;
    context.beginPath();
    context.moveTo(last[0], last[1]);
    context.lineTo(next[0], next[1]);
    context.stroke();
  });

  function endStroke(event) {
    if (!current) return;
    current = null;
    const released = performance.timeOrigin + event.timeStamp;
    repaint();
    answerAndSend(released);
  }
  canvas.addEventListener("pointerup", endStroke);
  canvas.addEventListener("pointercancel", endStroke);

  undoButton.addEventListener("click", () => {
    strokes.pop();
    repaint();
    answerAndSend(now());
  });

  clearButton.addEventListener("click", () => {
    strokes = [];
    base = null;
    repaint();
    answerAndSend(now());
  });

  /* ------------------------------------------------------------ the answer */

  function showAnswer(probabilities) {
    const top = probabilities.indexOf(Math.max(...probabilities));
    const heading = document.createElement("h2");
    heading.textContent = fill(args.text.headline, { name: args.answer_names[top] });
    const sure = document.createElement("p");
    sure.textContent = fill(args.text.probability, { percent: number(probabilities[top] * 100, 1) + "%" });
    const table = document.createElement("table");
    const caption = table.createCaption();
    caption.textContent = args.text.bars;
    const body = table.createTBody();
    probabilities.forEach((p, index) => {
      const row = body.insertRow();
      if (index === top) row.className = "top";
      const name = document.createElement("th");
      name.scope = "row";
      name.textContent = args.names[index];
      const cell = row.insertCell();
      row.prepend(name);
      cell.innerHTML = '<div class="bar"><div class="track"><div class="fill"></div></div><span class="percent"></span></div>';
      cell.querySelector(".fill").style.width = (100 * p).toFixed(1) + "%";
      cell.querySelector(".percent").textContent = number(100 * p, 1) + "%";
    });
    answer.replaceChildren(...(args.compact ? [heading, sure] : [heading, sure, table]));
  }

  /* The network strip for ``image28``: every layer's numbers, drawn here (strip.js). */
  let drawnStrip = null;     // the strip's columns and probabilities on show, redrawn when the frame's width changes

  function showStrip(network, image28) {
    const result = core.forward(network, image28);
    drawnStrip = [core.stripColumns(args.strip, result.outputs, image28), result.probabilities];
    window.SketchpadStrip.draw(strip, args.strip, ...drawnStrip, args.text, number);
  }

  let shownWidth = 0;
  window.addEventListener("resize", () => {
    if (!args || !args.strip || !drawnStrip || window.innerWidth === shownWidth) return;
    shownWidth = window.innerWidth;
    window.SketchpadStrip.draw(strip, args.strip, ...drawnStrip, args.text, number);
  });

  /* The answer to what the canvas shows, painted as soon as it is known (when the page may show it);
     a promise of when it is on the page. With a strip, a blank canvas shows the page's stand-in picture. */
  function answerCanvas(stroke) {
    const empty = strokes.length === 0 && !base;
    const prepared = empty ? { blank: true }
      : core.prepare(context.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height,
                     args.profile);
    const image28 = prepared.blank ? (args.strip ? args.fallback : null) : prepared.image28;
    if (!args.show_answer || !args.model_url || !image28) {
      answer.replaceChildren();
      return Promise.resolve(prepared);
    }
    const paint = (network) => {
      if (stroke === latest) {
        if (args.strip) showStrip(network, image28);
        else showAnswer(core.forward(network, image28).probabilities);
      }
      return prepared;
    };
    const loaded = models.get(args.model_url);
    if (loaded && loaded.network) return Promise.resolve(paint(loaded.network));   // no wait: this frame
    return model(args.model_url).then(paint, (error) => {
      const note = document.createElement("p");
      note.className = "hint";
      note.setAttribute("role", "status");
      note.textContent = args.text.model_failed;
      (args.strip ? strip : answer).replaceChildren(note);   // the next stroke fetches the model again
      console.warn("sketchpad: no model here", error);
      return prepared;
    });
  }

  /* A learner's change (a stroke ended, undo, clear): answer it, then send the drawing to the server
     once the answer's frame is painted. ``released``: when the change happened, for the benchmark. */
  function answerAndSend(released) {
    const id = Date.now() * 1000 + Math.floor(Math.random() * 1000);
    latest = id;
    known.add(id);
    answerCanvas(id).then((prepared) => {
      fitFrame();
      requestAnimationFrame(() => setTimeout(() => {   // after the frame with the answer is painted
        if (latest === id) {
          document.body.dataset.released = String(released);
          document.body.dataset.answered = String(now());
          document.body.dataset.stroke = String(id);
        }
        send("streamlit:setComponentValue", {
          value: prepared.blank ? { id, blank: true } : { id, png: canvas.toDataURL("image/png") },
          dataType: "json",
        });
      }, 0));
    });
  }

  /* The page came back or its arguments changed: answer again, sending nothing. */
  function answerAgain() {
    latest = null;
    answerCanvas(null).then(fitFrame);
  }

  /* ------------------------------------------------------------ Streamlit */

  function applyArgs(next, theme) {
    const first = args === null;
    args = next;
    document.documentElement.lang = args.lang;
    document.documentElement.style.setProperty("--scale", args.projector ? "1.35" : "1");
    if (theme) {
      if (theme.primaryColor) document.documentElement.style.setProperty("--primary", theme.primaryColor);
      if (theme.textColor) document.documentElement.style.setProperty("--text", theme.textColor);
    }
    if (first && args.font_url) {
      new FontFace("Source Sans", `url(${args.font_url})`, { weight: "200 900" }).load()
        .then((face) => { document.fonts.add(face); fitFrame(); }).catch(() => {});
    }
    const main = document.querySelector("main");
    main.classList.toggle("compact", Boolean(args.compact) && !args.strip);
    main.classList.toggle("with-strip", Boolean(args.strip));
    main.classList.toggle("stacked", Boolean(args.strip) && Boolean(args.projector));
    strip.hidden = !args.strip;
    canvas.setAttribute("aria-label", args.text.canvas);
    undoButton.textContent = args.text.undo;
    clearButton.textContent = args.text.clear;
    if (canvas.width !== args.size) {
      canvas.width = canvas.height = args.size;
    }
    canvas.style.width = args.size + "px";   // narrower when its column is (the height follows)
    const signature = JSON.stringify([args.model_url, args.show_answer, args.profile, args.names, args.answer_names,
                                      args.text, args.digits, args.strip, args.fallback]);
    if (args.restore && !known.has(args.restore.id) && strokes.length === 0 && !base) {
      known.add(args.restore.id);   // the page came back (another tab, a language switch): so does the drawing
      const image = new Image();
      image.onload = () => { base = image; repaint(); answerAgain(); };
      image.src = args.restore.png;
    } else if (first || signature !== answeredFor) {
      repaint();
      answerAgain();                  // the model, the language or question mode changed
    }
    answeredFor = signature;
    if (args.model_url) model(args.model_url);   // fetched before the first stroke needs it
    fitFrame();
  }

  window.addEventListener("message", (event) => {
    if (event.data && event.data.type === "streamlit:render") applyArgs(event.data.args, event.data.theme);
  });
  new ResizeObserver(fitFrame).observe(document.body);
  send("streamlit:componentReady", { apiVersion: 1 });
})();
