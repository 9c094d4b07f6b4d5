// The form editor's script (vpd serve only): rows that are added, removed and moved by
// keyboard, validation with `vpd check`'s own rules while the user types (POST
// /__vpd/controleren), findings at their fields with an error summary, and saving the
// changed answers (POST /__vpd/opslaan). Every word it shows comes from the page's data.
(() => {
  'use strict';
  const form = document.getElementById('vpd-formulier');
  const data = JSON.parse(document.getElementById('vpd-formulier-gegevens').textContent);
  const T = data.teksten;
  const fill = (s, args) => s.replace(/\{(\w+)\}/g, (m, k) => (k in args ? String(args[k]) : m));
  const summary = document.getElementById('vpd-samenvatting');
  const summaryList = document.getElementById('vpd-samenvatting-lijst');
  const stand = document.getElementById('vpd-stand');
  const saved = document.getElementById('vpd-opslag');
  const saveButton = document.getElementById('vpd-opslaan');
  document.getElementById('vpd-zonder-js').hidden = true;
  saveButton.hidden = false;

  // A polite live region for what a row button did.
  const announce = document.createElement('p');
  announce.className = 'vpd-onzichtbaar';
  announce.setAttribute('aria-live', 'polite');
  form.append(announce);
  const say = (text) => { announce.textContent = ''; setTimeout(() => { announce.textContent = text; }, 50); };

  const fields = [...form.querySelectorAll('.vpd-veld')];
  const padOf = (el) => JSON.parse(el.dataset.pad);
  const keyOf = (el) => el.id.slice('veld-'.length);
  const controls = (root) => [...root.querySelectorAll('[data-kolom]:not(.vpd-deelveld):not(.vpd-bewaard)')];
  // A cell the form cannot show whole: its value goes back as it was.
  const kept = (c) => c.classList.contains('vpd-bewaard');
  // A list's owner: a field, or a list inside a row (`vpd-deelveld`, e.g. one category's
  // `herkenning` lines); its rows are the `<ol>` right below it.
  const OWNERS = '.vpd-veld, .vpd-deelveld';
  const ownerOf = (node) => node.parentElement.closest(OWNERS);
  const listOf = (owner) => owner.querySelector(':scope > .vpd-rijen');
  // The controls and lists of a row that belong to `owner` itself (not to a list in it).
  const cells = (row, owner) => [...row.querySelectorAll('[data-kolom]')].filter((c) => ownerOf(c) === owner);
  const rowLabelOf = (row) => row.querySelector(':scope > .vpd-rij-label, :scope > .vpd-rij-groep > .vpd-rij-label');

  // A control's text; while it stays empty, the placeholder (`.....`) the file holds there,
  // so saving another answer of its list or row keeps it.
  const answerOf = (c) => (c.value.trim() === '' && c.dataset.plaatshouder ? c.dataset.plaatshouder : c.value);

  // The answer of a field (or of a list in a row) in the YAML's own shape (null: no answer).
  function valueOf(el) {
    const kinds = (name) => (el.dataset[name] || '').split(' ').filter(Boolean);
    const [numbers, booleans, lists] = [kinds('getallen'), kinds('waarheden'), kinds('lijsten')];
    const typed = (c) => {
      const text = answerOf(c);
      const v = text.trim();
      if (booleans.includes(c.dataset.kolom) && (v === 'true' || v === 'false')) return v === 'true';
      if (lists.includes(c.dataset.kolom)) return text.split('\n').map((l) => l.trim()).filter(Boolean);
      return (numbers.includes(c.dataset.kolom) || c.hasAttribute('data-getal')) && /^-?\d+$/.test(v) ? Number(v) : text;
    };
    if (el.dataset.vorm === 'enkel') {
      const c = controls(el)[0];
      return answerOf(c).trim() === '' ? null : typed(c);
    }
    const rows = [...listOf(el).children];
    if (el.dataset.vorm === 'lijst') {
      return rows.map((r) => answerOf(cells(r, el)[0])).filter((v) => v.trim() !== '');
    }
    return rows.map((r) => {
      const o = {};
      for (const c of cells(r, el)) {
        if (kept(c)) {
          o[c.dataset.kolom] = JSON.parse(c.dataset.bewaard);
        } else if (c.classList.contains('vpd-deelveld')) {
          const items = valueOf(c);
          if (items.length > 0) o[c.dataset.kolom] = items;
        } else if (answerOf(c).trim() !== '') {
          o[c.dataset.kolom] = typed(c);
        }
      }
      return o;
    }).filter((o) => Object.keys(o).length > 0);
  }

  // ---- rows ----
  const button = (text, cls) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = `utrecht-button utrecht-button--secondary-action ${cls}`;
    b.textContent = text;
    return b;
  };
  // What a row is called in the labels of the lists in it: its `naam`, else its first
  // answer, else its place ("Vormen van gedrag, regel 2"), as the server names it.
  function rowName(row, owner) {
    const own = cells(row, owner).filter((c) => !c.classList.contains('vpd-deelveld') && !kept(c));
    const naam = own.find((c) => c.dataset.kolom === 'naam');
    for (const c of [naam, own[0]]) if (c && c.value.trim() !== '') return c.value.trim();
    return rowLabelOf(row).textContent.trim();
  }
  // Numbers the rows of `list` and gives every control in them the id of its place
  // (`i-<key>-<row>[-<column>]`); a list in a row gets the key `<key>-<row>-<column>`.
  function renumber(list) {
    const el = list.parentElement;
    const key = keyOf(el);
    if (el.classList.contains('vpd-deelveld')) {
      // A list in a row is labelled with the row's name ("Ik-gedrag, herkenning").
      const row = el.closest('.vpd-rij');
      const name = rowName(row, ownerOf(row));
      for (const span of el.querySelectorAll('.vpd-rij-naam')) if (ownerOf(span) === el) span.textContent = name;
    }
    [...list.children].forEach((row, n) => {
      const number = rowLabelOf(row).querySelector('.vpd-rij-nummer');
      if (number) number.textContent = String(n + 1);
      // Each row's buttons are described by the row's label ("Huisregels, regel 2").
      const rowLabel = rowLabelOf(row);
      rowLabel.id = `rl-${key}-${n}`;
      for (const b of row.querySelectorAll(':scope > .vpd-rij-acties button')) b.setAttribute('aria-describedby', rowLabel.id);
      for (const c of cells(row, el).filter((cell) => !kept(cell))) {
        const id = `${key}-${n}${c.dataset.kolom ? `-${c.dataset.kolom}` : ''}`;
        if (c.classList.contains('vpd-deelveld')) {
          nestedIds(c, id);
          continue;
        }
        const label = row.querySelector(`label[for="${CSS.escape(c.id)}"]`);
        c.id = `i-${id}`;
        c.name = c.id;
        if (label) label.htmlFor = c.id;
      }
    });
    const empty = el.querySelector(':scope > .vpd-rij-leeg');
    if (empty) empty.hidden = list.children.length > 0;
  }
  // Gives a list in a row the key `key`, then renumbers its rows.
  function nestedIds(sub, key) {
    sub.id = `veld-${key}`;
    const heading = sub.querySelector(':scope > .vpd-lijst-kop');
    heading.id = `l-${key}`;
    const list = listOf(sub);
    list.id = `r-${key}`;
    list.setAttribute('aria-labelledby', heading.id);
    const add = sub.querySelector(':scope > .utrecht-button-group > .vpd-toevoegen');
    if (add) add.setAttribute('aria-describedby', heading.id);
    renumber(list);
  }
  function rowButtons(row) {
    if (row.querySelector(':scope > .vpd-rij-acties')) return;
    const group = document.createElement('div');
    group.className = 'utrecht-button-group vpd-rij-acties';
    group.append(button(T.omhoog, 'vpd-omhoog'), button(T.omlaag, 'vpd-omlaag'), button(T.verwijderen, 'vpd-verwijderen'));
    row.append(group);
  }
  // The buttons of a list: one per row, and "Toevoegen" below it.
  function listButtons(list) {
    const owner = list.parentElement;
    for (const row of list.children) rowButtons(row);
    if (owner.querySelector(':scope > .utrecht-button-group > .vpd-toevoegen')) return;
    const add = button(T.toevoegen, 'vpd-toevoegen');
    add.setAttribute('aria-describedby', `l-${keyOf(owner)}`);
    const group = document.createElement('div');
    group.className = 'utrecht-button-group';
    group.append(add);
    owner.append(group);
  }
  for (const list of form.querySelectorAll('.vpd-rijen')) listButtons(list);
  for (const el of fields) if (listOf(el)) renumber(listOf(el));
  form.addEventListener('click', (event) => {
    const b = event.target.closest('button');
    if (!b || b.type !== 'button') return;
    const el = b.closest(OWNERS);
    if (!el) return;
    const list = listOf(el);
    const row = b.closest('.vpd-rij');
    if (b.classList.contains('vpd-toevoegen')) {
      const fresh = el.querySelector(':scope > template.vpd-rij-sjabloon').content.firstElementChild.cloneNode(true);
      list.append(fresh);
      rowButtons(fresh);
      for (const inner of fresh.querySelectorAll('.vpd-rijen')) listButtons(inner);
      renumber(list);
      controls(fresh)[0].focus();
      say(T.toegevoegd);
    } else if (b.classList.contains('vpd-verwijderen')) {
      const next = row.nextElementSibling || row.previousElementSibling;
      row.remove();
      renumber(list);
      (next ? controls(next)[0] : el.querySelector(':scope > .utrecht-button-group > .vpd-toevoegen')).focus();
      say(T.verwijderd);
    } else if (b.classList.contains('vpd-omhoog') || b.classList.contains('vpd-omlaag')) {
      const up = b.classList.contains('vpd-omhoog');
      const other = up ? row.previousElementSibling : row.nextElementSibling;
      if (!other) return;
      if (up) list.insertBefore(row, other); else list.insertBefore(other, row);
      renumber(list);
      b.focus();
      say(fill(T.verplaatst, { nummer: [...list.children].indexOf(row) + 1 }));
    } else {
      return;
    }
    schedule();
  });
  // A row's new name (its `naam` or first answer) reaches the labels of the lists in it.
  form.addEventListener('input', (event) => {
    const row = event.target.closest('.vpd-rij');
    if (!row || !row.querySelector('.vpd-deelveld')) return;
    const own = cells(row, ownerOf(row)).filter((c) => !c.classList.contains('vpd-deelveld') && !kept(c));
    if (event.target === own[0] || event.target.dataset.kolom === 'naam') renumber(row.parentElement);
  });

  // ---- what changed ----
  const initial = new Map(fields.map((el) => [el, el.hasAttribute('data-voorstel') ? 'null' : JSON.stringify(valueOf(el))]));
  function changes() {
    return fields.filter((el) => JSON.stringify(valueOf(el)) !== initial.get(el)).map((el) => {
      const v = valueOf(el);
      return { pad: padOf(el), waarde: v === null ? '' : v };
    });
  }

  // ---- findings ----
  const isPrefix = (a, b) => a.length <= b.length && a.every((k, i) => k === b[i]);
  function fieldOf(pad) {
    let best = null;
    for (const el of fields) {
      const p = padOf(el);
      if (isPrefix(p, pad) && (!best || p.length > padOf(best).length)) best = el;
    }
    return best;
  }
  // The control a finding at `pad` is about, inside the field `el` (also in a list in a
  // row: `categorieen.2.aanpak.1.tekst`).
  function targetOf(el, pad) {
    let owner = el;
    let rest = pad.slice(padOf(el).length);
    while (rest.length > 0 && /^\d+$/.test(rest[0]) && listOf(owner)) {
      const row = listOf(owner).children[Number(rest[0])];
      if (!row) break;
      const cell = rest[1] && cells(row, owner).find((c) => c.dataset.kolom === rest[1]);
      if (!cell || kept(cell)) return controls(row)[0] || null;
      if (!cell.classList.contains('vpd-deelveld')) return cell;
      owner = cell;
      rest = rest.slice(2);
    }
    return controls(listOf(owner) || owner)[0] || null;
  }
  function linkTo(finding) {
    const el = fieldOf(finding.pad);
    const target = el && targetOf(el, finding.pad);
    if (target) return `#${target.id}`;
    if (el) return `#${el.id}`;
    if (finding.pad[0] === 'secties' && finding.pad[1]) return `#sectie-${finding.pad[1]}`;
    return '#sectie-algemeen';
  }
  // A list item linking to the field a finding is about, with its message.
  function findingItem(finding) {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.className = 'utrecht-link';
    a.href = linkTo(finding);
    a.textContent = finding.melding;
    li.append(a);
    return li;
  }
  function clearFindings() {
    for (const el of fields) {
      const message = document.getElementById(`f-${keyOf(el)}`);
      message.hidden = true;
      message.textContent = '';
      for (const c of controls(el)) {
        c.removeAttribute('aria-invalid');
        const ids = (c.getAttribute('aria-describedby') || '').split(' ').filter((i) => i && i !== message.id);
        c.setAttribute('aria-describedby', ids.join(' '));
      }
    }
  }
  function show(outcome) {
    clearFindings();
    for (const f of outcome.bevindingen) {
      const el = fieldOf(f.pad);
      if (!el) continue;
      const message = document.getElementById(`f-${keyOf(el)}`);
      const line = document.createElement('span');
      line.className = f.ernst === 'fout' ? 'vpd-bevinding vpd-fout' : 'vpd-bevinding vpd-waarschuwing';
      line.textContent = `${f.ernst === 'fout' ? T.fout : T.waarschuwing}: ${f.melding}${f.hint ? ` ${f.hint}` : ''} (${f.regel})`;
      message.append(line);
      message.hidden = false;
      const target = targetOf(el, f.pad);
      if (target) {
        if (f.ernst === 'fout') target.setAttribute('aria-invalid', 'true');
        const ids = (target.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
        if (!ids.includes(message.id)) target.setAttribute('aria-describedby', [...ids, message.id].join(' '));
      }
    }
    const errors = outcome.bevindingen.filter((f) => f.ernst === 'fout');
    summaryList.replaceChildren(...errors.map(findingItem));
    summary.hidden = errors.length === 0;
    if (errors.length) summary.setAttribute('role', 'alert'); else summary.removeAttribute('role');
    const p = document.createElement('p');
    p.className = 'utrecht-paragraph';
    if (outcome.vaststellen_mogelijk === null) {
      // No status, and none needed (the norm schema): what `vpd check` finds, nothing more.
      p.textContent = errors.length ? fill(T.fouten, { aantal: errors.length }) : T.foutloos;
      stand.replaceChildren(p);
      delete stand.dataset.vaststellen;
      return errors.length;
    }
    if (outcome.vaststellen_mogelijk) {
      p.textContent = T['vaststellen-mogelijk'];
      stand.replaceChildren(p);
    } else {
      // The list can be long for a new protocol: folded, as the reader left it.
      const wasOpen = Boolean(stand.querySelector('details[open]'));
      const details = document.createElement('details');
      details.open = wasOpen;
      const title = document.createElement('summary');
      title.textContent = fill(T['vaststellen-niet'], { aantal: outcome.ontbreekt.length });
      const ul = document.createElement('ul');
      ul.className = 'utrecht-unordered-list';
      ul.append(...outcome.ontbreekt.map(findingItem));
      details.append(title, ul);
      stand.replaceChildren(details);
    }
    stand.dataset.vaststellen = outcome.vaststellen_mogelijk ? 'ja' : 'nee';
    return errors.length;
  }
  summary.addEventListener('click', (event) => {
    const a = event.target.closest('a');
    const target = a && document.getElementById(a.getAttribute('href').slice(1));
    if (target) { event.preventDefault(); target.focus(); }
  });

  // ---- talking to the preview ----
  let token = null;
  let versie = null;
  const headers = () => ({ 'content-type': 'application/json', 'x-vpd-token': token });
  const opened = fetch(`/__vpd/bewerken/${encodeURIComponent(data.protocol)}`)
    .then((r) => r.json())
    .then((j) => { token = j.token; versie = j.versie; });

  let timer = null;
  let round = 0;
  let scheduled = 0;
  async function validate() {
    await opened;
    const mine = ++round;
    const response = await fetch('/__vpd/controleren', {
      method: 'POST', headers: headers(), body: JSON.stringify({ protocol: data.protocol, antwoorden: changes() }),
    });
    const body = await response.json();
    if (mine !== round) return null;
    if (!response.ok) {
      const p = document.createElement('p');
      p.className = 'utrecht-paragraph';
      p.textContent = fill(T['controleren-mislukt'], { fout: body.fout || response.status });
      stand.replaceChildren(p);
      return null;
    }
    return show(body);
  }
  // The form is `klaar` once the check of its latest state has answered.
  function schedule() {
    clearTimeout(timer);
    const mine = ++scheduled;
    form.dataset.controle = 'bezig';
    timer = setTimeout(async () => {
      await validate();
      if (mine === scheduled) form.dataset.controle = 'klaar';
    }, 500);
  }
  form.addEventListener('input', schedule);
  form.addEventListener('change', schedule);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearTimeout(timer);
    const mine = ++scheduled;
    await opened;
    const antwoorden = changes();
    if (antwoorden.length === 0) {
      form.dataset.controle = 'klaar';
      saved.textContent = T['niets-gewijzigd'];
      return;
    }
    const errors = await validate();
    if (mine === scheduled) form.dataset.controle = 'klaar';
    if (errors) { summary.focus(); return; }
    saved.textContent = T['opslaan-bezig'];
    const response = await fetch('/__vpd/opslaan', {
      method: 'POST', headers: headers(), body: JSON.stringify({ protocol: data.protocol, versie, antwoorden }),
    });
    const body = await response.json().catch(() => ({}));
    if (response.ok) {
      saved.textContent = T.opgeslagen;
      form.dataset.opgeslagen = body.versie || '';
      setTimeout(() => location.reload(), 300);
    } else if (response.status === 409) {
      const parts = [Object.assign(document.createElement('p'), { className: 'utrecht-paragraph', textContent: T.conflict })];
      for (const [key, text] of [['verschil', body.verschil], ['huidig', body.huidig]]) {
        if (!text) continue;
        parts.push(Object.assign(document.createElement('p'), { className: 'utrecht-paragraph', textContent: T[key] }));
        const pre = document.createElement('pre');
        pre.textContent = text;
        pre.tabIndex = 0;
        parts.push(pre);
      }
      saved.replaceChildren(...parts);
    } else {
      saved.textContent = fill(T['opslaan-mislukt'], { fout: body.fout || response.status });
    }
  });

  schedule();
})();
