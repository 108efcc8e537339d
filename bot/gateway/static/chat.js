"use strict";
// Recovery Companion web chat. No framework, no inline script, text only via textContent.
//
// Sign-in: the link's one-time token arrives in the URL fragment (#t=...), which browsers never
// send to a server. It is wiped from the address bar at once and kept only in memory until the
// person presses "Start chatting"; then it is posted to /api/chat/session, which consumes it
// and sets an HttpOnly session cookie. See docs/webchat.md.
(function () {
  const MAX_CHARS = 2000;
  const $ = function (id) { return document.getElementById(id); };
  const ui = {
    main: $("main"), loading: $("loading"), welcome: $("welcome"), start: $("start"),
    nolink: $("nolink"), nolinkTitle: $("nolink-title"), nolinkReason: $("nolink-reason"),
    already: $("already"), alreadyTitle: $("already-title"), cont: $("continue"),
    chatTitle: $("chat-title"), alerter: $("alerter"),
    chat: $("chat"), log: $("log"), typing: $("typing"), banner: $("banner"),
    bannerText: $("banner-text"), bannerRetry: $("banner-retry"), composer: $("composer"),
    text: $("text"), send: $("send"), counter: $("counter"), announcer: $("announcer"),
    status: $("status"), menu: $("menu"), menuOpen: $("menu-open"), menuClose: $("menu-close"),
    forget: $("forget")
  };
  const CRISIS = "In danger? Call 911, or call or text 988.";
  const SUGGESTIONS = ["What time is group?", "Log a craving", "How am I doing?",
    "Talk to my counselor"];
  const NOLINK = {
    none: ["Open your chat link", "For your privacy, this chat opens from the personal link " +
      "your counselor sent you."],
    used: ["This link can’t be used", "This link has already been used or has expired. Each " +
      "link works once, to keep your chat private. If you opened it on another phone or " +
      "browser, you can keep chatting there."],
    ended: ["You’ve been signed out", "Your chat session on this device has ended, to keep it " +
      "private. Nothing you wrote is lost."],
    forgot: ["This device is forgotten", "You’re signed out here, and your messages are no " +
      "longer shown on this device. Nothing you wrote is lost."],
    busy: ["Please wait a moment", "There have been a lot of tries from this connection. " +
      "Wait a minute, then open your link again."]
  };

  let pendingLink = null;
  let lastId = 0;
  let events = null;
  let queue = Promise.resolve();
  let bannerAction = null;
  let lastDay = "";
  let waiting = null;  // a reply the server is still working on (202): {id, done, timer}
  const shownIds = new Set();
  const lateAnswered = new Set();  // message ids whose late reply has been pushed
  const failed = [];

  // ---------------------------------------------------------------- small helpers
  function newId() {
    const bytes = new Uint8Array(12);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, function (b) { return b.toString(16).padStart(2, "0"); }).join("");
  }

  async function api(path, options) {
    const opts = Object.assign({ credentials: "same-origin", cache: "no-store" }, options || {});
    opts.headers = Object.assign({ "Accept": "application/json" }, opts.headers || {});
    const res = await fetch(path, opts);
    let data = {};
    try { data = await res.json(); } catch (e) { data = {}; }
    return { res: res, data: data };
  }

  function postJSON(path, body) {
    return api(path, { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body) });
  }

  // Phone numbers in replies become links, built as DOM nodes (never innerHTML). "Call or
  // text 988" gets a call link and a text link; "text HOME to 741741" pre-fills HOME.
  const NUMBERS = new RegExp("(text HOME to 741741)|(call) or (text (988|1-800-\\d{3}-\\d{4}))|" +
    "(1-800-\\d{3}-\\d{4}|\\(\\d{3}\\) \\d{3}-\\d{4}|\\b911\\b|\\b988\\b|\\b741741\\b)", "gi");
  function link(label, href, spoken) {
    const a = document.createElement("a");
    a.href = href;
    a.className = "num";
    a.textContent = label;
    if (spoken) { a.setAttribute("aria-label", spoken); }
    return a;
  }
  function digits(s) { return s.replace(/[^\d]/g, ""); }
  function linkified(text) {
    const frag = document.createDocumentFragment();
    let at = 0;
    text.replace(NUMBERS, function (match, home, call, textIt, both, number, offset) {
      frag.appendChild(document.createTextNode(text.slice(at, offset)));
      if (home) {
        frag.appendChild(link(home, "sms:741741?&body=HOME"));
      } else if (call) {
        frag.appendChild(link(call, "tel:" + digits(both), "Call " + both));
        frag.appendChild(document.createTextNode(" or "));
        frag.appendChild(link(textIt, "sms:" + digits(both)));
      } else {
        frag.appendChild(link(number, (number === "741741" ? "sms:" : "tel:") + digits(number)));
      }
      at = offset + match.length;
      return match;
    });
    frag.appendChild(document.createTextNode(text.slice(at)));
    return frag;
  }

  // One burst of replies is one announcement (a crisis card, assertively). Nothing is pruned
  // until 20 announcements have passed, so no line is dropped before it is read.
  function announce(texts, urgent) {
    const region = urgent ? ui.alerter : ui.announcer;
    const p = document.createElement("p");
    p.textContent = "Companion: " + texts.join(" ");
    region.appendChild(p);
    while (region.childNodes.length > 20) { region.removeChild(region.firstChild); }
  }

  function spoken(msg) {
    const c = msg.card;
    if (!c) { return String(msg.text || ""); }
    return [c.lead, (c.actions || []).map(function (a) { return a.label; }).join(", ") + ".",
      (c.steps || []).join(" "), c.closing, c.ask || ""].filter(Boolean).join(" ");
  }

  function scrollToEnd(instant) {
    ui.main.scrollTo({ top: ui.main.scrollHeight, behavior: instant ? "instant" : "auto" });
  }
  function finePointer() { return window.matchMedia("(pointer: fine)").matches; }

  // ---------------------------------------------------------------- views
  function show(view) {
    ui.loading.hidden = true;
    ui.welcome.hidden = view !== "welcome";
    ui.already.hidden = view !== "already";
    ui.nolink.hidden = view !== "nolink";
    ui.chat.hidden = view !== "chat";
    ui.composer.hidden = view !== "chat";
    ui.menuOpen.hidden = view !== "chat";
  }

  function showNoLink(kind) {
    const copy = NOLINK[kind] || NOLINK.none;
    closeEvents();
    hideBanner();
    ui.nolinkTitle.textContent = copy[0];
    ui.nolinkReason.textContent = copy[1];
    show("nolink");
    ui.nolinkTitle.focus();
  }

  function showBanner(text, action) {
    ui.bannerText.textContent = "";
    ui.bannerText.appendChild(linkified(text));
    bannerAction = action || null;
    ui.bannerRetry.hidden = !action;
    ui.banner.hidden = false;
  }

  function hideBanner() { ui.banner.hidden = true; bannerAction = null; }

  // ---------------------------------------------------------------- the conversation
  function dayLabel(date) {
    const today = new Date();
    const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1);
    if (date.toDateString() === today.toDateString()) { return "Today"; }
    if (date.toDateString() === yesterday.toDateString()) { return "Yesterday"; }
    return date.toLocaleDateString([], { weekday: "long", month: "short", day: "numeric" });
  }

  function addDayIfNew(date) {
    const label = dayLabel(date);
    if (label === lastDay) { return; }
    lastDay = label;
    const li = document.createElement("li");
    li.className = "day";
    li.textContent = label;
    ui.log.appendChild(li);
  }

  function clearQuickReplies() {
    ui.log.querySelectorAll(".quick").forEach(function (el) { el.remove(); });
  }

  function quickReplies(buttons) {
    const row = document.createElement("div");
    row.className = "quick";
    row.setAttribute("role", "group");
    row.setAttribute("aria-label", "Quick replies");
    buttons.forEach(function (b) {
      if (!b || typeof b.title !== "string") { return; }
      const btn = document.createElement("button");
      btn.type = "button";
      btn.textContent = b.title;
      btn.addEventListener("click", function () {
        submit(typeof b.payload === "string" && b.payload ? b.payload : b.title, b.title);
        // The buttons are gone now; keep keyboard focus somewhere useful.
        (finePointer() ? ui.text : ui.main).focus({ preventScroll: true });
      });
      row.appendChild(btn);
    });
    return row;
  }

  // The crisis card: the empathy line, full-width call/text buttons, what to do, the care-team
  // line, and "Are you safe right now?" (its Yes/No quick replies follow). See bot/safety/card.py.
  function renderCard(card) {
    const box = document.createElement("div");
    box.className = "card";
    const lead = document.createElement("p");
    lead.className = "card-lead";
    lead.textContent = card.lead;
    box.appendChild(lead);
    const list = document.createElement("ul");
    list.className = "card-actions";
    list.setAttribute("aria-label", "Call or text for help now");
    (card.actions || []).forEach(function (a) {
      if (!a || typeof a.href !== "string" || !/^(tel|sms):[\d+?&=A-Za-z]+$/.test(a.href)) { return; }
      const li = document.createElement("li");
      const btn = document.createElement("a");
      btn.className = "card-btn" + (a.href === "tel:911" ? " urgent" : "");
      btn.href = a.href;
      btn.textContent = a.label;
      li.appendChild(btn);
      list.appendChild(li);
    });
    box.appendChild(list);
    (card.steps || []).forEach(function (step) {
      const p = document.createElement("p");
      p.className = "card-step";
      p.appendChild(linkified(step));
      box.appendChild(p);
    });
    if (card.closing) {
      const p = document.createElement("p");
      p.className = "card-closing";
      p.textContent = card.closing;
      box.appendChild(p);
    }
    if (card.ask) {
      const p = document.createElement("p");
      p.className = "card-ask";
      p.textContent = card.ask;
      box.appendChild(p);
    }
    return box;
  }

  // msg: {id?, direction: "in"|"out", text, buttons?, card?, created_at?}
  function addMessage(msg, opts) {
    opts = opts || {};
    if (msg.id) {
      if (shownIds.has(msg.id)) { return null; }
      shownIds.add(msg.id);
      lastId = Math.max(lastId, msg.id);
    }
    const when = msg.created_at ? new Date(msg.created_at) : new Date();
    addDayIfNew(when);
    const mine = msg.direction === "in";
    const prev = ui.log.lastElementChild;
    const li = document.createElement("li");
    li.className = "msg " + (mine ? "me" : "bot") + (opts.extraClass ? " " + opts.extraClass : "");
    const sameRun = prev && prev.classList.contains(mine ? "me" : "bot") &&
      when.getTime() - Number(prev.dataset.at || 0) < 5 * 60 * 1000;
    if (sameRun) {
      // One time stamp per run of messages, under the last one.
      const prevTime = prev.querySelector("time");
      if (prevTime) { prevTime.hidden = true; }
    } else {
      li.classList.add("turn");
    }
    li.dataset.at = String(when.getTime());
    if (opts.restored) { li.classList.add("restored"); }
    const who = document.createElement("span");
    who.className = "visually-hidden";
    who.textContent = mine ? "You said: " : "Companion said: ";
    const bubble = document.createElement("div");
    bubble.className = "bubble";
    bubble.appendChild(who);
    if (!mine && msg.card && typeof msg.card === "object") {
      li.classList.add("crisis-msg");
      bubble.appendChild(renderCard(msg.card));
    } else {
      bubble.appendChild(mine ? document.createTextNode(msg.text) : linkified(msg.text));
    }
    li.appendChild(bubble);
    const time = document.createElement("time");
    time.dateTime = when.toISOString();
    time.textContent = when.toLocaleTimeString([], { hour: "numeric", minute: "2-digit" });
    li.appendChild(time);
    if (opts.withButtons && msg.buttons && msg.buttons.length) {
      clearQuickReplies();
      li.appendChild(quickReplies(msg.buttons));
    }
    ui.log.appendChild(li);
    if (opts.announce && !mine) { announce([spoken(msg)], Boolean(msg.card)); }
    if (!opts.noScroll) { scrollToEnd(); }
    return li;
  }

  // Only the newest reply's links and buttons are tab stops; older ones stay tappable.
  function retireLinks(keep) {
    ui.log.querySelectorAll("a").forEach(function (a) {
      if (!keep.some(function (li) { return li.contains(a); })) { a.tabIndex = -1; }
      else { a.removeAttribute("tabindex"); }
    });
  }

  // The bot's messages after the person's last one: the reply that is still current.
  function latestReply() {
    const items = Array.from(ui.log.querySelectorAll(".msg"));
    const out = [];
    for (let i = items.length - 1; i >= 0 && !items[i].classList.contains("me"); i--) {
      out.push(items[i]);
    }
    return out;
  }

  // Show the start of a reply (the person's own words too when they fit), not its end.
  function reveal(first, mine) {
    if (!first) { return; }
    const view = ui.main.getBoundingClientRect();
    const base = ui.main.scrollTop - view.top;
    let top = first.getBoundingClientRect().top + base - 8;
    if (mine && first.getBoundingClientRect().top - mine.getBoundingClientRect().top <
        ui.main.clientHeight / 4) {
      top = mine.getBoundingClientRect().top + base - 8;
    }
    if (ui.main.scrollHeight - top > ui.main.clientHeight) {
      ui.main.scrollTo({ top: Math.max(0, top), behavior: "instant" });
    } else {
      scrollToEnd(true);
    }
  }

  function addReplies(messages, announceThem, mine) {
    const all = (messages || []).filter(function (m) { return m && (m.text || m.card); });
    let buttonsAt = -1;
    all.forEach(function (m, i) { if (m.buttons && m.buttons.length) { buttonsAt = i; } });
    const items = [];
    all.forEach(function (m, i) {
      const li = addMessage(Object.assign({}, m, { direction: "out", text: String(m.text || "") }),
        { withButtons: i === buttonsAt, noScroll: true });
      if (li) { items.push(li); }
    });
    if (!items.length) { return; }
    if (announceThem) {
      announce(all.map(spoken), all.some(function (m) { return Boolean(m.card); }));
    }
    retireLinks(items);
    reveal(items[0], mine);
  }

  // The greeting is also the first-contact notice, so the gateway drops the notice from the
  // first turn (bot/gateway/arrange.py): one "automated assistant", not two.
  function addIntro() {
    const li = addMessage({ direction: "out", text: "Hi, I’m your program’s recovery " +
      "companion, an automated assistant, not a person. I can answer questions about your " +
      "program, check in on a craving, log a trigger, or let your counselor know you’d like " +
      "to talk. I’m not for emergencies: call 911, or call or text 988. Your care team can " +
      "see risk flags and may follow up. What’s on your mind?" },
    { extraClass: "intro" });
    li.appendChild(quickReplies(SUGGESTIONS.map(function (t) { return { title: t, payload: t }; })));
  }

  function setTyping(on, label) {
    const text = label || "Companion is typing…";
    ui.typing.hidden = !on;
    ui.typing.querySelector(".typing-label").textContent = text;
    ui.status.textContent = on ? text : "";
    if (on) { scrollToEnd(); }
  }

  // Busy, not broken (202): the answer comes over the push channel. The next message waits
  // for it (at most a minute), so the conversation stays in order.
  function awaitLateReply(messageId, label) {
    if (lateAnswered.has(messageId)) { return Promise.resolve(); }
    setTyping(true, label);
    return new Promise(function (resolve) {
      const done = function () {
        clearTimeout(waiting.timer);
        waiting = null;
        setTyping(false);
        resolve();
      };
      waiting = { id: messageId, done: done, timer: setTimeout(done, 60000) };
    });
  }

  // ---------------------------------------------------------------- sending
  function markFailed(job, note, canRetry) {
    job.item.classList.remove("pending");
    job.item.classList.add("failed");
    let line = job.item.querySelector(".note");
    if (!line) {
      line = document.createElement("p");
      line.className = "note";
      job.item.appendChild(line);
    }
    line.textContent = note + " ";
    if (canRetry) {
      const again = document.createElement("button");
      again.type = "button";
      again.className = "link-btn";
      again.textContent = "Try again";
      again.addEventListener("click", function () { retry(job); });
      line.appendChild(again);
      if (failed.indexOf(job) < 0) { failed.push(job); }
    }
  }

  function markSent(job) {
    job.item.classList.remove("pending", "failed");
    const line = job.item.querySelector(".note");
    if (line) { line.remove(); }
    const i = failed.indexOf(job);
    if (i >= 0) { failed.splice(i, 1); }
  }

  function retry(job) {
    markSent(job);
    job.item.classList.add("pending");
    enqueue(job);
  }

  function enqueue(job) {
    queue = queue.then(function () { return deliver(job); }, function () { return deliver(job); });
  }

  // One message at a time, in order, so the conversation's forms see answers in sequence.
  function submit(text, shown) {
    const job = { text: text, id: newId() };
    clearQuickReplies();
    job.item = addMessage({ direction: "in", text: shown || text }, { extraClass: "pending" });
    enqueue(job);
  }

  async function deliver(job) {
    setTyping(true);
    let reply;
    try {
      reply = await postJSON("/api/chat/messages", { text: job.text, id: job.id });
    } catch (e) {
      setTyping(false);
      markFailed(job, "Not sent.", true);
      showBanner("You seem to be offline. Your message wasn’t sent yet. " + CRISIS, retryFailed);
      return;
    }
    setTyping(false);
    const res = reply.res;
    const data = reply.data;
    if (res.status === 401) { showNoLink("ended"); return; }
    if (res.status === 400 || res.status === 413 || res.status === 415) {
      markFailed(job, data.message || "This message can’t be sent.", false);
      return;
    }
    if (res.status === 403) {
      markFailed(job, "Not sent.", false);
      showBanner("Please reload this page and try again. " + CRISIS, function () { location.reload(); });
      return;
    }
    if (res.status === 202) {
      markSent(job);
      addReplies(data.messages, true, job.item);
      hideBanner();
      return awaitLateReply(data.message_id, data.message || "Still thinking…");
    }
    if (data.error === "store_unavailable") {
      markFailed(job, "Not saved.", true);  // nothing was stored: the resend is the message
    } else {
      markSent(job);
    }
    addReplies(data.messages, true, job.item);
    if (res.ok) { hideBanner(); return; }
    if (res.status === 429) {
      const wait = Math.min(Math.max(Number(data.retry_after) || 5, 1), 120);
      showBanner(data.message || "You’re sending messages quickly. Your message is saved, and " +
        "I’ll answer in a moment.", null);
      job.item.classList.add("pending");
      setTimeout(function () { enqueue(job); }, wait * 1000);
      return;
    }
    // 503 and anything else: saved or not, say so kindly, keep the numbers visible.
    const message = data.message || ("Something went wrong on our side. " + CRISIS);
    showBanner(message, function () { retry(job); });
  }

  function retryFailed() {
    hideBanner();
    failed.slice().forEach(retry);
  }

  // ---------------------------------------------------------------- push (server-sent events)
  function openEvents() {
    if (!window.EventSource || events) { return; }
    events = new EventSource("/api/chat/events?after=" + encodeURIComponent(lastId));
    events.addEventListener("message", function (ev) {
      let msg;
      try { msg = JSON.parse(ev.data); } catch (e) { return; }
      addReplies([msg], true, null);
      if (msg.reply_to_id) { lateAnswered.add(msg.reply_to_id); }
      if (waiting && (msg.reply_to_id === waiting.id || !msg.reply_to_id)) { waiting.done(); }
    });
    events.addEventListener("error", function () {
      if (events && events.readyState === EventSource.CLOSED) {
        events = null;
        setTimeout(checkSession, 5000);
      }
    });
  }

  function closeEvents() {
    if (events) { events.close(); events = null; }
  }

  async function checkSession() {
    try {
      const reply = await api("/api/chat/history");
      if (reply.res.status === 401) { showNoLink("ended"); return; }
    } catch (e) { return; /* offline: the online event brings us back */ }
    openEvents(); // it catches up on anything server-started after lastId
  }

  // ---------------------------------------------------------------- loading the chat
  async function loadChat() {
    let reply;
    try {
      reply = await api("/api/chat/history");
    } catch (e) {
      show("chat");
      showBanner("You seem to be offline, so your chat can’t load. " + CRISIS, loadChat);
      return;
    }
    if (reply.res.status === 401) { showNoLink("none"); return; }
    if (!reply.res.ok) {
      show("chat");
      showBanner((reply.data.message || "Your chat can’t load right now.") + " " + CRISIS, loadChat);
      return;
    }
    hideBanner();
    ui.log.textContent = "";
    shownIds.clear();
    lastDay = "";
    const rows = reply.data.messages || [];
    ui.log.setAttribute("aria-busy", "true");
    rows.forEach(function (m, i) {
      addMessage(m, { withButtons: i === rows.length - 1 && m.direction === "out",
        restored: true });
    });
    ui.log.removeAttribute("aria-busy");
    if (!rows.length) { addIntro(); }
    show("chat");
    retireLinks(latestReply());
    scrollToEnd(true);
    // Focus never falls to the page body: the message box, or (on touch, where it would
    // open the keyboard over the conversation) the conversation's heading.
    if (finePointer()) { ui.text.focus(); } else { ui.chatTitle.focus({ preventScroll: true }); }
    openEvents();
  }

  async function exchangeLink() {
    ui.start.disabled = true;
    ui.start.textContent = "Opening your chat…";
    let reply;
    try {
      reply = await postJSON("/api/chat/session", { token: pendingLink });
    } catch (e) {
      ui.start.disabled = false;
      ui.start.textContent = "Start chatting";
      showBanner("You seem to be offline. Connect and try again. " + CRISIS, exchangeLink);
      return;
    }
    if (reply.res.ok) {
      pendingLink = null;
      hideBanner();
      await loadChat();
      return;
    }
    pendingLink = null;
    if (reply.res.status === 401 && await stillSignedIn()) {
      ui.start.disabled = false;
      ui.start.textContent = "Start chatting";
      show("already");
      ui.alreadyTitle.focus();
      return;
    }
    showNoLink(reply.res.status === 429 ? "busy" : "used");
  }

  // A used link re-tapped on a phone that is still signed in is not a lockout.
  async function stillSignedIn() {
    try { return (await api("/api/chat/history")).res.ok; } catch (e) { return false; }
  }

  // ---------------------------------------------------------------- composer and menu
  function updateCounter() {
    const n = ui.text.value.length;
    ui.counter.textContent = n.toLocaleString() + " / " + MAX_CHARS.toLocaleString();
    ui.counter.classList.toggle("near", n >= MAX_CHARS - 200 && n < MAX_CHARS);
    ui.counter.classList.toggle("full", n >= MAX_CHARS);
    if (n >= MAX_CHARS && !ui.counter.dataset.said) {
      ui.counter.dataset.said = "1";
      ui.status.textContent = "You’ve reached the 2,000 character limit.";
    } else if (n < MAX_CHARS) {
      delete ui.counter.dataset.said;
    }
    ui.text.style.height = "auto";
    ui.text.style.height = Math.min(ui.text.scrollHeight + 3, 160) + "px";
  }

  ui.composer.addEventListener("submit", function (ev) {
    ev.preventDefault();
    const text = ui.text.value.trim();
    if (!text) { ui.text.focus(); return; }
    ui.text.value = "";
    updateCounter();
    submit(text.slice(0, MAX_CHARS));
    ui.text.focus();
  });
  ui.text.addEventListener("input", updateCounter);
  ui.text.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && !ev.shiftKey && !ev.isComposing && finePointer()) {
      ev.preventDefault();
      ui.composer.requestSubmit();
    }
  });
  ui.bannerRetry.addEventListener("click", function () {
    const action = bannerAction;
    hideBanner();
    if (action) { action(); }
  });
  ui.start.addEventListener("click", exchangeLink);
  ui.cont.addEventListener("click", loadChat);
  ui.menuOpen.addEventListener("click", function () { ui.menu.showModal(); });
  ui.menuClose.addEventListener("click", function () { ui.menu.close(); });
  ui.menu.addEventListener("close", function () { ui.menuOpen.focus(); });
  ui.forget.addEventListener("click", async function () {
    ui.forget.disabled = true;
    try {
      const reply = await postJSON("/api/chat/logout", {});
      if (!reply.res.ok) { throw new Error("logout failed"); }
    } catch (e) {
      ui.forget.disabled = false;
      ui.menu.close();
      showBanner("We couldn’t sign you out just now. Please try again.", function () {
        ui.menu.showModal();
      });
      return;
    }
    ui.forget.disabled = false;
    ui.menu.close();
    ui.log.textContent = "";
    showNoLink("forgot");
  });
  window.addEventListener("offline", function () {
    showBanner("You’re offline. Messages will send when you’re back online. " + CRISIS, null);
  });
  window.addEventListener("online", function () {
    hideBanner();
    if (failed.length) { retryFailed(); }
    if (!ui.chat.hidden && !events) { checkSession(); }
  });

  // ---------------------------------------------------------------- start
  const m = location.hash.match(/[#&]t=([^&]+)/);
  if (m) {
    history.replaceState(null, "", location.pathname + location.search);
    try { pendingLink = decodeURIComponent(m[1]); } catch (e) { pendingLink = null; }
  }
  updateCounter();
  if (pendingLink) {
    show("welcome");
  } else {
    loadChat();
  }
})();
