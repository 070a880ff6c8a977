'use strict';
// Passport custody (护照管理) for the foreign affairs office: find an approved trip by its approval
// number, release each member's passport and take it back; register passports; list those out.
// Every value from the server is inserted as text, never as HTML.
(() => {
  const HEADERS = { 'X-Requested-With': 'XMLHttpRequest', 'Accept': 'application/json' };
  const $ = id => document.getElementById(id);
  let vocabulary = {};

  function el(tag, text, className) {
    const element = document.createElement(tag);
    if (text !== undefined && text !== null) { element.textContent = String(text); }
    if (className) { element.className = className; }
    return element;
  }

  function day(iso) {
    if (!iso) { return ''; }
    const [y, m, d] = iso.split('-').map(Number);
    return y + '年' + m + '月' + d + '日';
  }

  function loginPage() {
    return '/passports/login.html?next=' + encodeURIComponent(location.pathname + location.search);
  }

  // the server's refusal in words: {message} or {errors}, both languages
  async function problem(response) {
    try {
      const body = await response.json();
      return body.error || (body.errors || []).join('; ') || response.statusText;
    } catch (e) {
      return response.status + ' ' + response.statusText;
    }
  }

  async function call(method, url, body) {
    const options = { method, credentials: 'same-origin', headers: Object.assign({}, HEADERS) };
    if (body !== undefined) {
      options.headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(body);
    }
    const response = await fetch(url, options);
    if (response.status === 401) { location.href = loginPage(); throw new Error('login'); }
    if (response.status === 403) {
      const box = $('login');
      box.hidden = false;
      box.textContent = '此页面仅供外办使用。 This page is for the foreign affairs office. ';
      const link = el('a', '以其他账号登录 Log in as someone else');
      link.href = loginPage();
      box.appendChild(link);
      throw new Error('forbidden');
    }
    if (!response.ok) { throw new Error(await problem(response)); }
    return response.json();
  }

  function notify(text) {
    $('notice').hidden = false;
    $('notice').textContent = text;
  }

  function kindLabel(code) {
    const word = (vocabulary.passportKinds || {})[code];
    return word ? word.label : code;
  }

  function showTrip(trip) {
    const box = $('trip');
    box.textContent = '';
    box.appendChild(el('p', trip.approvalNumber + ' · 回国 returns ' + day(trip.returnDate)
      + ' · 护照应于 passports due back by ' + day(trip.dueBack)));
    trip.members.forEach(member => box.appendChild(memberBox(trip, member)));
  }

  function memberBox(trip, member) {
    const card = el('div', null, 'member');
    card.dataset.person = member.personId || '';
    card.appendChild(el('h3', member.name + (member.personId ? ' · ' + member.personId : '')));
    const error = el('div', null, 'error');
    error.setAttribute('role', 'alert');
    if (!member.personId) {
      card.appendChild(el('p', '未按人员名录登记,无法办理护照 Not identified in the directory: no passport to release'));
      return card;
    }
    const custody = member.custody;
    if (custody && !custody.returnedAt) {
      card.appendChild(el('p', '已领出 Out: ' + custody.passportNumber + ' · 领取人 received by ' + custody.receivedBy
        + ' · 应交回 due back ' + day(custody.dueBack)));
      const back = el('button', '交回 Hand back');
      back.type = 'button';
      back.className = 'hand-back';
      back.addEventListener('click', () => act(error, 'POST',
        '/api/passports/custody/' + encodeURIComponent(trip.trip) + '/' + encodeURIComponent(member.personId) + '/return',
        undefined, member.name + ' 的护照已交回 passport handed back'));
      card.appendChild(back);
    } else if (custody) {
      card.appendChild(el('p', '已交回 Handed back: ' + custody.passportNumber, 'back'));
    } else if (!member.passports.length) {
      card.appendChild(el('p', '尚未登记护照,请先在下方登记 No passport registered: register it below first'));
    } else {
      const choose = el('label', '护照 Passport ');
      const select = el('select');
      select.className = 'release-passport';
      member.passports.forEach(p => {
        const option = el('option', p.number + ' · ' + kindLabel(p.kind) + ' · 有效期至 valid until ' + day(p.expiry));
        option.value = p.number;
        select.appendChild(option);
      });
      choose.appendChild(select);
      const receiver = el('label', '领取人 Received by ');
      const input = el('input');
      input.className = 'received-by';
      input.value = member.name;
      input.maxLength = 100;
      receiver.appendChild(input);
      const release = el('button', '领出 Release');
      release.type = 'button';
      release.className = 'release';
      release.addEventListener('click', () => act(error, 'POST',
        '/api/passports/custody/' + encodeURIComponent(trip.trip) + '/' + encodeURIComponent(member.personId) + '/release',
        { passportNumber: select.value, receivedBy: input.value }, member.name + ' 的护照已领出 passport released'));
      card.append(choose, receiver, release);
    }
    card.appendChild(error);
    return card;
  }

  async function act(error, method, url, body, done) {
    error.textContent = '';
    try {
      await call(method, url, body);
      notify(done);
      await findTrip();
      await loadOut();
    } catch (e) {
      if (e.message !== 'login' && e.message !== 'forbidden') { error.textContent = e.message; }
    }
  }

  async function findTrip() {
    $('tripError').textContent = '';
    const number = $('approvalNumber').value.trim();
    if (!number) { return; }
    try {
      showTrip(await call('GET', '/api/passports/trips?approvalNumber=' + encodeURIComponent(number)));
    } catch (e) {
      $('trip').textContent = '';
      if (e.message !== 'login' && e.message !== 'forbidden') { $('tripError').textContent = e.message; }
    }
  }

  async function loadOut() {
    const out = await call('GET', '/api/passports/out');
    const body = $('out').querySelector('tbody');
    body.textContent = '';
    out.forEach(row => {
      const tr = el('tr');
      tr.append(el('td', row.name), el('td', row.passportNumber), el('td', row.approvalNumber),
        el('td', row.receivedBy), el('td', day(row.dueBack) + (row.late ? '(逾期 late)' : ''), row.late ? 'late' : ''));
      [...tr.children].forEach((td, i) => td.dataset.label = $('out').querySelectorAll('th')[i].textContent);
      body.appendChild(tr);
    });
    $('out').hidden = out.length === 0;
    $('noneOut').hidden = out.length > 0;
  }

  let asked = 0;
  $('personSearch').addEventListener('input', async () => {
    const text = $('personSearch').value.trim();
    const mine = ++asked;
    $('personId').value = '';
    $('personResults').textContent = '';
    if (!text) { return; }
    try {
      const people = await call('GET', '/api/people?q=' + encodeURIComponent(text));
      if (mine !== asked) { return; }
      people.forEach(person => {
        const choice = el('button', person.name + ' · ' + person.unitName + ' · ' + person.post + ' · ' + person.id);
        choice.type = 'button';
        choice.addEventListener('click', () => {
          $('personId').value = person.id;
          $('personSearch').value = person.name + ' · ' + person.id;
          $('personResults').textContent = '';
        });
        $('personResults').appendChild(choice);
      });
    } catch (e) { /* the field stays as typed */ }
  });

  $('registerForm').addEventListener('submit', async event => {
    event.preventDefault();
    $('registerError').textContent = '';
    if (!$('personId').value) {
      $('registerError').textContent = '请从列表中选择人员 Pick the person from the list';
      return;
    }
    const number = $('passportNumber').value.trim().toUpperCase();
    try {
      await call('PUT', '/api/passports/' + encodeURIComponent(number || '-'),
        { personId: $('personId').value, kind: $('passportKind').value, expiry: $('passportExpiry').value });
      notify('护照已登记 Passport registered: ' + number);
      $('registerForm').reset();
      $('personId').value = '';
      await findTrip();
    } catch (e) {
      if (e.message !== 'login' && e.message !== 'forbidden') { $('registerError').textContent = e.message; }
    }
  });

  $('tripForm').addEventListener('submit', event => { event.preventDefault(); findTrip(); });

  (async () => {
    try {
      vocabulary = await call('GET', '/api/vocabulary');
      Object.entries(vocabulary.passportKinds || {}).forEach(([code, word]) => {
        const option = el('option', word.label);
        option.value = code;
        $('passportKind').appendChild(option);
      });
      await loadOut();
    } catch (e) { /* the login or the refusal is shown */ }
  })();
})();
