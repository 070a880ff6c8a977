'use strict';
// The disclosure board (公示栏): the trips of the caller's unit in pre-trip and post-trip disclosure,
// from /api/disclosure, and an objection to a trip in its pre-trip window. Every value from the
// server is inserted as text, never as HTML.
(() => {
  const HEADERS = { 'X-Requested-With': 'XMLHttpRequest', 'Accept': 'application/json' };
  const board = document.getElementById('board');
  const boardError = document.getElementById('boardError');
  const notice = document.getElementById('notice');
  const unitSelect = document.getElementById('unit');
  const ZONE = 'Asia/Shanghai';

  function el(tag, text, className) {
    const element = document.createElement(tag);
    if (text !== undefined && text !== null) {
      element.textContent = String(text);
    }
    if (className) {
      element.className = className;
    }
    return element;
  }

  function loginPage() {
    return '/disclosure/login.html?next=' + encodeURIComponent(location.pathname + location.search + location.hash);
  }

  function refused(message) {
    const box = document.getElementById('login');
    box.hidden = false;
    box.textContent = '';
    box.appendChild(el('span', message + ' '));
    const link = el('a', '以其他账号登录 Log in as someone else');
    link.href = loginPage();
    box.appendChild(link);
  }

  function day(iso) {
    if (!iso) {
      return '';
    }
    const [y, m, d] = iso.split('-').map(Number);
    return y + '年' + m + '月' + d + '日';
  }

  function moment(instant) {
    return new Intl.DateTimeFormat('zh-CN', { timeZone: ZONE, year: 'numeric', month: 'long', day: 'numeric',
      hour: '2-digit', minute: '2-digit' }).format(new Date(instant));
  }

  function money(amount) {
    return new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount)
      + ' 元 CNY';
  }

  function list(items) {
    const ul = el('ul');
    items.forEach(item => ul.appendChild(el('li', item)));
    return ul;
  }

  function entry(dl, term, value) {
    dl.appendChild(el('dt', term));
    const dd = el('dd');
    if (value instanceof Node) {
      dd.appendChild(value);
    } else {
      dd.textContent = value == null || value === '' ? '—' : String(value);
    }
    dl.appendChild(dd);
  }

  function windowText(trip) {
    const from = trip.windowStart ? moment(trip.windowStart) : '—';
    if (trip.windowEnd) {
      return '公示期 Window: ' + from + ' 至 until ' + moment(trip.windowEnd);
    }
    return '公示期 Window: ' + from + ' 起;期满,待异议处理完毕后结束 the time is up; it ends when the open objection is decided';
  }

  /** The objection form of one trip: its grounds, refused beside the field. */
  function objection(unit, trip) {
    const box = el('div', null, 'objection');
    const open = el('button', '提出异议 Object', 'object');
    open.type = 'button';
    open.dataset.trip = trip.processInstanceId;
    box.appendChild(open);
    const form = el('form');
    form.hidden = true;
    const id = 'grounds-' + trip.processInstanceId;
    const label = el('label', '异议理由 Grounds of the objection');
    label.htmlFor = id;
    const grounds = document.createElement('textarea');
    grounds.id = id;
    grounds.maxLength = 2000;
    grounds.setAttribute('aria-describedby', 'grounds-error-' + trip.processInstanceId);
    label.appendChild(grounds);
    const privacy = el('p', '您的姓名只有外办和审计人员可见,不在公示栏上显示。 Your name is seen only by the foreign affairs office and the auditors, never on the board.', 'note');
    const error = el('div', null, 'error');
    error.id = 'grounds-error-' + trip.processInstanceId;
    error.setAttribute('role', 'alert');
    const buttons = el('div', null, 'buttons');
    const send = el('button', '提交异议 Raise the objection', 'send-objection');
    send.type = 'submit';
    const cancel = el('button', '取消 Cancel');
    cancel.type = 'button';
    buttons.append(send, cancel);
    form.append(label, privacy, error, buttons);
    box.appendChild(form);

    open.addEventListener('click', () => {
      open.hidden = true;
      form.hidden = false;
      grounds.focus();
    });
    cancel.addEventListener('click', () => {
      form.hidden = true;
      open.hidden = false;
      error.textContent = '';
    });
    form.addEventListener('submit', async event => {
      event.preventDefault();
      error.textContent = '';
      send.disabled = true;
      try {
        const answer = await fetch('/api/disclosure/' + encodeURIComponent(unit) + '/trips/'
          + encodeURIComponent(trip.processInstanceId) + '/objections', {
          method: 'POST', credentials: 'same-origin',
          headers: Object.assign({ 'Content-Type': 'application/json' }, HEADERS),
          body: JSON.stringify({ grounds: grounds.value })
        });
        if (answer.status === 401) {
          location.replace(loginPage());
          return;
        }
        if (answer.ok) {
          notice.hidden = false;
          notice.textContent = '异议已提交,外办将处理。 Your objection to ' + (trip.requestNumber || '')
            + ' was raised; the foreign affairs office will decide it.';
          await load(unit);
          return;
        }
        const refusal = await answer.json().catch(() => ({}));
        const prefix = refusal.parameter ? refusal.parameter + ': ' : '';
        const message = refusal.error && prefix && refusal.error.startsWith(prefix)
          ? refusal.error.slice(prefix.length) : refusal.error;
        error.textContent = message || ('提交失败(HTTP ' + answer.status + ') Raising it failed (HTTP ' + answer.status + ')');
      } catch (e) {
        error.textContent = '无法连接服务器,请稍后再试。 The server cannot be reached: try again later.';
      } finally {
        send.disabled = false;
      }
    });
    return box;
  }

  function card(unit, trip) {
    const postTrip = trip.phase === 'RESULTS_DISCLOSED';
    const article = el('article', null, 'trip' + (postTrip ? ' post-trip' : ''));
    article.dataset.trip = trip.processInstanceId;
    const title = el('h3');
    title.append(el('span', trip.requestNumber || '—'), el('span', trip.phaseLabel, 'phase'));
    if (trip.objectionOpen) {
      title.appendChild(el('span', '异议处理中 Objection under review', 'held'));
    }
    article.appendChild(title);
    article.appendChild(el('p', windowText(trip), 'window'));
    const dl = el('dl');
    entry(dl, '单位 Unit', trip.unitName);
    entry(dl, '团组 Delegation', list((trip.members || []).map(m =>
      m.name + ' · ' + m.post + (m.rank ? ' · ' + m.rank : ''))));
    entry(dl, '国家或地区 Countries', (trip.countries || []).map(c => c.name).join('、'));
    entry(dl, '日期 Dates', trip.departureDate ? day(trip.departureDate) + ' 至 ' + day(trip.returnDate) : '');
    entry(dl, '出访目的 Purpose', trip.purpose);
    entry(dl, '出访任务 Tasks', list(trip.tasks || []));
    entry(dl, '日程与路线 Schedule and route', list((trip.itinerary || []).map(d =>
      day(d.date) + ' ' + d.country + ' ' + d.city + ':' + d.activity + (d.counterpart ? '(' + d.counterpart + ')' : ''))));
    entry(dl, '邀请单位 Inviting body', trip.invitingBody ? trip.invitingBody + '(' + trip.invitingCountry + ')' : '');
    entry(dl, '经费来源和预算 Funding and budget', list((trip.budget || []).map(b =>
      b.item + ':' + money(b.amount) + ',' + b.fundingSource).concat(['合计 Total:' + money(trip.totalBudget)])));
    if (postTrip) {
      entry(dl, '出访成果 Results', list((trip.results || []).map(r => (r.task ? r.task + ':' : '') + r.result)));
      entry(dl, '后续工作 Follow-up', trip.followUp);
    }
    article.appendChild(dl);
    if (trip.objectable) {
      article.appendChild(objection(unit, trip));
    }
    return article;
  }

  async function fetchJson(url) {
    let answer;
    try {
      answer = await fetch(url, { credentials: 'same-origin', headers: HEADERS });
    } catch (e) {
      boardError.textContent = '无法连接服务器,请稍后再试。 The server cannot be reached: try again later.';
      return null;
    }
    if (answer.status === 401) {
      location.replace(loginPage());
      return null;
    }
    if (answer.status === 403) {
      refused('公示栏只对本单位人员和外办开放。 A unit\'s disclosure board is for its members and the foreign affairs office.');
      return null;
    }
    if (!answer.ok) {
      boardError.textContent = '读取失败(HTTP ' + answer.status + ') Reading failed (HTTP ' + answer.status + ')';
      return null;
    }
    return answer.json();
  }

  async function load(unit) {
    boardError.textContent = '';
    const answer = await fetchJson('/api/disclosure/' + encodeURIComponent(unit));
    if (!answer) {
      return;
    }
    document.getElementById('boardTitle').textContent = answer.unitName + ' 公示栏 Disclosure board';
    board.textContent = '';
    (answer.trips || []).forEach(trip => board.appendChild(card(unit, trip)));
    document.getElementById('empty').hidden = (answer.trips || []).length > 0;
    board.dataset.ready = 'true';
  }

  async function start() {
    const answer = await fetchJson('/api/disclosure');
    if (!answer) {
      return;
    }
    const boards = answer.boards || [];
    if (boards.length === 0) {
      refused('您不属于任何单位,没有可查看的公示栏。 You belong to no unit: there is no board for you.');
      return;
    }
    const asked = new URLSearchParams(location.search).get('unit');
    boards.forEach(b => {
      const option = el('option', b.unitName);
      option.value = b.unit;
      unitSelect.appendChild(option);
    });
    // a unit named in the address is asked for as it is: the server says whether it may be read
    const unit = asked || boards[0].unit;
    if (boards.some(b => b.unit === unit)) {
      unitSelect.value = unit;
    }
    document.getElementById('unitChoice').hidden = boards.length < 2;
    unitSelect.addEventListener('change', () => {
      history.replaceState(null, '', '?unit=' + encodeURIComponent(unitSelect.value));
      load(unitSelect.value);
    });
    await load(unit);
  }

  start();
})();
