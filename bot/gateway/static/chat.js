"use strict";
// Minimal web chat: the token arrives in the URL fragment (never sent to the server in a URL),
// is kept in this tab's storage, and is removed from the address bar at once.
(function () {
  const KEY = "rc_chat_token";
  const m = location.hash.match(/[#&]t=([^&]+)/);
  if (m) {
    sessionStorage.setItem(KEY, decodeURIComponent(m[1]));
    history.replaceState(null, "", location.pathname);
  }
  const token = sessionStorage.getItem(KEY);
  const log = document.getElementById("log");
  const form = document.getElementById("composer");
  const input = document.getElementById("text");
  const status = document.getElementById("status");

  function add(text, who, buttons) {
    const li = document.createElement("li");
    li.className = who;
    li.textContent = text;
    if (buttons && buttons.length) {
      const row = document.createElement("div");
      row.className = "buttons";
      buttons.forEach(function (b) {
        const btn = document.createElement("button");
        btn.type = "button";
        btn.textContent = b.title;
        btn.addEventListener("click", function () { send(b.payload, b.title); });
        row.appendChild(btn);
      });
      li.appendChild(row);
    }
    log.appendChild(li);
    li.scrollIntoView({ block: "end" });
  }

  async function send(text, shown) {
    add(shown || text, "me");
    status.textContent = "...";
    try {
      const res = await fetch("/api/chat/messages", {
        method: "POST",
        headers: { "Content-Type": "application/json", "Authorization": "Bearer " + token },
        body: JSON.stringify({ text: text, id: String(Date.now()) + Math.random().toString(16).slice(2) })
      });
      const data = await res.json();
      status.textContent = "";
      if (!res.ok) { status.textContent = data.message || "Something went wrong."; return; }
      data.messages.forEach(function (msg) { add(msg.text, "bot", msg.buttons); });
    } catch (e) {
      status.textContent = "Could not reach the server. In danger? Call 911, or call or text 988.";
    }
  }

  async function history() {
    const res = await fetch("/api/chat/history", { headers: { "Authorization": "Bearer " + token } });
    if (!res.ok) { status.textContent = "Your chat link is missing or has expired. Ask your counselor for a new one."; return; }
    const data = await res.json();
    data.messages.forEach(function (msg) { add(msg.text, msg.direction === "in" ? "me" : "bot"); });
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    const text = input.value.trim();
    if (!text) { return; }
    input.value = "";
    send(text);
  });
  if (!token) {
    status.textContent = "Open the chat link your counselor gave you to start.";
  } else {
    history();
  }
})();
