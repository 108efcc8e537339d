// One polite status region for the whole console (#announcer in console.html): what just
// happened ("Flag #12 acknowledged"), and new flags arriving on the queue. Screen readers
// read it without moving focus; the text is cleared first so a repeat is read again.

let timer = null;

export function announce(text) {
  const region = document.getElementById('announcer');
  if (!region) return;
  clearTimeout(timer);
  region.textContent = '';
  timer = setTimeout(() => { region.textContent = text; }, 50);
}
