// Careers Inspection Coach chat page: no libraries, no CDN.
(function () {
  "use strict";
  var log = document.getElementById("log");
  var form = document.getElementById("form");
  var box = document.getElementById("message");
  var typing = document.getElementById("typing");
  var status = document.getElementById("dl-status");

  // Credentials: an intranet passes #jwt=... or #token=...; kept for this tab only.
  var hash = new URLSearchParams(location.hash.slice(1));
  ["jwt", "token"].forEach(function (k) { if (hash.get(k)) { sessionStorage.setItem("coach-auth", hash.get(k)); } });
  if (location.hash) { history.replaceState(null, "", location.pathname + location.search); }
  var browser = localStorage.getItem("coach-browser");
  if (!browser) {
    var a = new Uint8Array(8); crypto.getRandomValues(a);
    browser = Array.prototype.map.call(a, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
    localStorage.setItem("coach-browser", browser);
  }
  function headers(json) {
    var h = { "X-Coach-Browser": browser };
    if (json) { h["Content-Type"] = "application/json"; }
    var auth = sessionStorage.getItem("coach-auth");
    if (auth) { h["Authorization"] = "Bearer " + auth; }
    return h;
  }

  function add(who, text, cls) {
    var div = document.createElement("div");
    div.className = "msg " + who + (cls ? " " + cls : "");
    var label = document.createElement("span");
    label.className = "who";
    label.textContent = who === "you" ? "You" : "Coach";
    div.appendChild(label);
    div.appendChild(document.createTextNode(text));
    log.appendChild(div);
    log.scrollTop = log.scrollHeight;
    return div;
  }

  function addButtons(buttons) {
    var group = document.createElement("div");
    group.className = "buttons";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Suggested replies");
    buttons.forEach(function (b) {
      var btn = document.createElement("button");
      btn.type = "button";
      btn.textContent = b.title;
      btn.addEventListener("click", function () { send(b.payload, b.title); });
      group.appendChild(btn);
    });
    log.appendChild(group);
    log.scrollTop = log.scrollHeight;
  }

  var busy = false;
  function send(message, shown) {
    if (busy || !message.trim()) { return; }
    busy = true;
    add("you", shown || message);
    typing.hidden = false;
    fetch("webhook", { method: "POST", headers: headers(true), body: JSON.stringify({ message: message }) })
      .then(function (r) {
        if (r.status === 401) { throw new Error("You are not signed in to the coach (the link or token has expired)."); }
        if (!r.ok) { throw new Error("The coach could not answer just now (" + r.status + "). Please try again."); }
        return r.json();
      })
      .then(function (messages) {
        if (!messages.length) { add("bot", "(no reply)"); }
        messages.forEach(function (m) {
          if (m.text) { add("bot", m.text); }
          if (m.buttons && m.buttons.length) { addButtons(m.buttons); }
        });
      })
      .catch(function (e) { add("bot", e.message || "The coach could not be reached.", "error"); })
      .then(function () { typing.hidden = true; busy = false; box.focus(); });
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var text = box.value;
    box.value = "";
    send(text);
  });
  box.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && !ev.shiftKey) { ev.preventDefault(); form.requestSubmit(); }
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-say]"), function (b) {
    b.addEventListener("click", function () { send(b.getAttribute("data-say"), b.textContent); });
  });

  function download(fmt) {
    status.textContent = "Preparing the transcript…";
    fetch("transcript?format=" + fmt, { headers: headers(false) })
      .then(function (r) {
        if (r.status === 404) { throw new Error("No saved interview yet: finish or stop a mock interview first."); }
        if (!r.ok) { throw new Error("The transcript could not be downloaded (" + r.status + ")."); }
        return r.blob();
      })
      .then(function (blob) {
        var a = document.createElement("a");
        a.href = URL.createObjectURL(blob);
        a.download = "mock-interview." + fmt;
        document.body.appendChild(a); a.click(); a.remove();
        status.textContent = "Transcript downloaded.";
      })
      .catch(function (e) { status.textContent = e.message; });
  }
  document.getElementById("dl-md").addEventListener("click", function () { download("md"); });
  document.getElementById("dl-html").addEventListener("click", function () { download("html"); });

  var packStatus = document.getElementById("pack-status");
  function downloadPack() {
    packStatus.textContent = "Preparing the evidence pack…";
    fetch("pack", { headers: headers(false) })
      .then(function (r) {
        if (!r.ok) {
          return r.json().catch(function () { return {}; }).then(function (body) {
            throw new Error(body.error || ("The evidence pack could not be downloaded (" + r.status + ")."));
          });
        }
        var name = /filename="([^"]+)"/.exec(r.headers.get("Content-Disposition") || "");
        return r.blob().then(function (blob) { return { blob: blob, name: name ? name[1] : "evidence-pack.html" }; });
      })
      .then(function (got) {
        var a = document.createElement("a");
        a.href = URL.createObjectURL(got.blob);
        a.download = got.name;
        document.body.appendChild(a); a.click(); a.remove();
        packStatus.textContent = "Evidence pack downloaded: open it in your browser to read or print it.";
      })
      .catch(function (e) { packStatus.textContent = e.message; });
  }
  document.getElementById("dl-pack").addEventListener("click", downloadPack);

  add("bot", "Hello! Start a mock interview, ask about your careers evidence (\"what were our KS4 destinations last year?\"), or ask what inspectors look for (\"what is Gatsby Benchmark 5?\").");
  box.focus();
}());
