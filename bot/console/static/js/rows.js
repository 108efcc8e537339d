// Keyed, in-place table updates: a row whose data did not change is left alone (so focus in
// it stays), a changed one gets new cells in the same <tr>, and rows move only when their
// order really changed.

// rows: [{ key, sig, build }] in the order wanted; emptyRow(): the row shown for none.
export function syncRows(body, rows, emptyRow) {
  const old = new Map();
  for (const tr of [...body.children]) {
    if (tr.dataset.key) old.set(tr.dataset.key, tr); else tr.remove();
  }
  let prev = null;
  for (const r of rows) {
    let tr = old.get(r.key);
    old.delete(r.key);
    if (!tr) {
      tr = r.build();
    } else if (tr.dataset.sig !== r.sig) {
      const fresh = r.build();
      tr.className = fresh.className;
      tr.replaceChildren(...fresh.childNodes);
    }
    tr.dataset.key = r.key;
    tr.dataset.sig = r.sig;
    const want = prev ? prev.nextSibling : body.firstChild;
    if (want !== tr) body.insertBefore(tr, want);
    prev = tr;
  }
  for (const tr of old.values()) tr.remove();
  if (!rows.length) body.append(emptyRow());
}
