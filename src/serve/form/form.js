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
  const controls = (root) => [...root.querySelectorAll('[data-kolom]')];

  // The answer of a field in the YAML's own shape (null: no answer).
  function valueOf(el) {
    const kinds = (name) => (el.dataset[name] || '').split(' ').filter(Boolean);
    const [numbers, booleans, lists] = [kinds('getallen'), kinds('waarheden'), kinds('lijsten')];
    const typed = (c) => {
      const v = c.value.trim();
      if (booleans.includes(c.dataset.kolom) && (v === 'true' || v === 'false')) return v === 'true';
      if (lists.includes(c.dataset.kolom)) return c.value.split('\n').map((l) => l.trim()).filter(Boolean);
      return (numbers.includes(c.dataset.kolom) || c.hasAttribute('data-getal')) && /^-?\d+$/.test(v) ? Number(v) : c.value;
    };
    if (el.dataset.vorm === 'enkel') {
      const c = controls(el)[0];
      return c.value.trim() === '' ? null : typed(c);
    }
    const rows = [...el.querySelector('.vpd-rijen').children];
    if (el.dataset.vorm === 'lijst') {
      return rows.map((r) => controls(r)[0].value).filter((v) => v.trim() !== '');
    }
    return rows.map((r) => {
      const o = {};
      for (const c of controls(r)) if (c.value.trim() !== '') o[c.dataset.kolom] = typed(c);
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
  function renumber(list) {
    const el = list.closest('.vpd-veld');
    const key = keyOf(el);
    [...list.children].forEach((row, n) => {
      const number = row.querySelector('.vpd-rij-nummer');
      if (number) number.textContent = String(n + 1);
      // Each row's buttons are described by the row's label ("Huisregels, regel 2").
      const rowLabel = row.querySelector('.vpd-rij-label');
      if (rowLabel) {
        rowLabel.id = `rl-${key}-${n}`;
        for (const b of row.querySelectorAll('.vpd-rij-acties button')) b.setAttribute('aria-describedby', rowLabel.id);
      }
      for (const c of controls(row)) {
        const id = `i-${key}-${n}${c.dataset.kolom ? `-${c.dataset.kolom}` : ''}`;
        const label = row.querySelector(`label[for="${CSS.escape(c.id)}"]`);
        c.id = id;
        c.name = id;
        if (label) label.htmlFor = id;
      }
    });
    const empty = el.querySelector('.vpd-rij-leeg');
    if (empty) empty.hidden = list.children.length > 0;
  }
  function rowButtons(row) {
    if (row.querySelector('.vpd-rij-acties')) return;
    const group = document.createElement('div');
    group.className = 'utrecht-button-group vpd-rij-acties';
    group.append(button(T.omhoog, 'vpd-omhoog'), button(T.omlaag, 'vpd-omlaag'), button(T.verwijderen, 'vpd-verwijderen'));
    row.append(group);
  }
  for (const list of form.querySelectorAll('.vpd-rijen')) {
    for (const row of list.children) rowButtons(row);
    const add = button(T.toevoegen, 'vpd-toevoegen');
    add.setAttribute('aria-describedby', `l-${keyOf(list.closest('.vpd-veld'))}`);
    const group = document.createElement('div');
    group.className = 'utrecht-button-group';
    group.append(add);
    list.closest('.vpd-veld').append(group);
    renumber(list);
  }
  form.addEventListener('click', (event) => {
    const b = event.target.closest('button');
    if (!b || b.type !== 'button') return;
    const el = b.closest('.vpd-veld');
    const list = el.querySelector('.vpd-rijen');
    const row = b.closest('.vpd-rij');
    if (b.classList.contains('vpd-toevoegen')) {
      const fresh = el.querySelector('template.vpd-rij-sjabloon').content.firstElementChild.cloneNode(true);
      list.append(fresh);
      rowButtons(fresh);
      renumber(list);
      controls(fresh)[0].focus();
      say(T.toegevoegd);
    } else if (b.classList.contains('vpd-verwijderen')) {
      const next = row.nextElementSibling || row.previousElementSibling;
      row.remove();
      renumber(list);
      (next ? controls(next)[0] : el.querySelector('.vpd-toevoegen')).focus();
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
  function targetOf(el, pad) {
    const rest = pad.slice(padOf(el).length);
    const list = el.querySelector('.vpd-rijen');
    if (list && rest.length > 0 && /^\d+$/.test(rest[0])) {
      const row = list.children[Number(rest[0])];
      if (row) return (rest[1] && row.querySelector(`[data-kolom="${CSS.escape(rest[1])}"]`)) || controls(row)[0];
    }
    return controls(el.querySelector('.vpd-rijen') || el)[0] || null;
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
