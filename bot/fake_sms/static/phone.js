// The fake phone: text the bot through the fake provider and show the conversation.
// Everything from the server is shown with textContent, never as HTML.
"use strict";

const $ = (id) => document.getElementById(id);

function number() {
  return $("number").value.trim();
}

async function post(path, body) {
  const resp = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return resp.json();
}

function render(messages) {
  const list = $("thread");
  const atBottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 8;
  list.replaceChildren();
  for (const m of messages) {
    const item = document.createElement("li");
    item.className = m.direction;
    item.textContent = m.text;
    const meta = document.createElement("small");
    meta.textContent = m.status;
    item.appendChild(meta);
    list.appendChild(item);
  }
  if (atBottom) list.scrollTop = list.scrollHeight;
}

async function refresh() {
  if (!number()) return;
  try {
    const resp = await fetch("/phone/api/thread?number=" + encodeURIComponent(number()));
    render((await resp.json()).messages);
  } catch (err) {
    // The fake is restarting; try again on the next tick.
  }
}

async function send(text, media) {
  await post("/phone/api/send", { from: number(), text: text, media: media });
  refresh();
}

document.addEventListener("DOMContentLoaded", () => {
  $("compose").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("text").value;
    if (!text.trim()) return;
    $("text").value = "";
    send(text, 0);
  });
  $("picture").addEventListener("click", () => send("", 1));
  $("optout").addEventListener("change", () => {
    post("/phone/api/opt-out", { number: number(), on: $("optout").checked });
  });
  $("number").addEventListener("change", refresh);
  refresh();
  setInterval(refresh, 1000);
});
