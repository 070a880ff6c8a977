'use strict';
// My trips: the applicant's own trips from /api/my-trips, their withdrawal before departure, and a
// change of an approved trip (变更), entered in Tasklist.
// Every value from the server is inserted as text, never as HTML.
(() => {
  const HEADERS = { 'X-Requested-With': 'XMLHttpRequest', 'Accept': 'application/json' };
  const body = document.querySelector('#trips tbody');
  const listError = document.getElementById('listError');
  const notice = document.getElementById('notice');
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
    return '/trips/login.html?next=' + encodeURIComponent(location.pathname + location.search + location.hash);
  }

  /** Not an applicant: say so, and offer to log in as one. */
  function showForApplicantsOnly() {
    const box = document.getElementById('login');
    box.hidden = false;
    box.textContent = '';
    box.appendChild(el('span', '我的出访只供出访申请人使用。 My trips is for applicants only. '));
    const link = el('a', '以申请人账号登录 Log in as an applicant');
    link.href = loginPage();
    box.appendChild(link);
  }

  /** 2026年5月12日, from YYYY-MM-DD. */
  function day(iso) {
    if (!iso) {
      return '';
    }
    const [y, m, d] = iso.split('-').map(Number);
    return y + '年' + m + '月' + d + '日';
  }

  function moment(instant) {
    if (!instant) {
      return '—';
    }
    return new Intl.DateTimeFormat('zh-CN', { timeZone: ZONE, year: 'numeric', month: 'long', day: 'numeric',
      hour: '2-digit', minute: '2-digit' }).format(new Date(instant));
  }

  function cell(content, label) {
    const td = document.createElement('td');
    td.dataset.label = label;
    if (content instanceof Node) {
      td.appendChild(content);
    } else {
      td.textContent = content == null || content === '' ? '—' : String(content);
    }
    return td;
  }

  /** The approval number and the approval document (出国任务批件) issued with it, as PDF. */
  function approval(trip) {
    const box = document.createElement('span');
    box.append(trip.approvalNumber, ' ');
    const link = document.createElement('a');
    link.href = '/api/documents/' + encodeURIComponent(trip.processInstanceId);
    link.textContent = '批件PDF Document';
    box.append(link);
    return box;
  }

  /** The withdrawal form of one trip, opened in its row: a reason, refused beside the field. */
  function withdrawal(trip) {
    const box = el('div', null, 'withdrawal');
    const open = el('button', '撤回 Withdraw', 'withdraw');
    open.type = 'button';
    open.dataset.trip = trip.processInstanceId;
    box.appendChild(open);
    const form = el('form');
    form.hidden = true;
    const id = 'reason-' + trip.processInstanceId;
    const label = el('label', '撤回理由 Reason for withdrawing');
    label.htmlFor = id;
    const reason = document.createElement('textarea');
    reason.id = id;
    reason.maxLength = 2000;
    reason.setAttribute('aria-describedby', 'reason-error-' + trip.processInstanceId);
    label.appendChild(reason);
    const error = el('div', null, 'error');
    error.id = 'reason-error-' + trip.processInstanceId;
    error.setAttribute('role', 'alert');
    const buttons = el('div', null, 'buttons');
    const confirm = el('button', '确认撤回 Withdraw the trip', 'confirm-withdrawal');
    confirm.type = 'submit';
    confirm.dataset.trip = trip.processInstanceId;
    const cancel = el('button', '取消 Cancel');
    cancel.type = 'button';
    buttons.append(confirm, cancel);
    form.append(label, error, buttons);
    box.appendChild(form);

    open.addEventListener('click', () => {
      open.hidden = true;
      form.hidden = false;
      reason.focus();
    });
    cancel.addEventListener('click', () => {
      form.hidden = true;
      open.hidden = false;
      error.textContent = '';
    });
    form.addEventListener('submit', async event => {
      event.preventDefault();
      error.textContent = '';
      confirm.disabled = true;
      try {
        const answer = await fetch('/api/my-trips/' + encodeURIComponent(trip.processInstanceId) + '/withdrawal', {
          method: 'POST', credentials: 'same-origin',
          headers: Object.assign({ 'Content-Type': 'application/json' }, HEADERS),
          body: JSON.stringify({ reason: reason.value })
        });
        if (answer.status === 401) {
          location.replace(loginPage());
          return;
        }
        if (answer.ok) {
          notice.hidden = false;
          notice.textContent = '已撤回 ' + (trip.requestNumber || '') + '。 The trip ' + (trip.requestNumber || '')
            + ' was withdrawn.';
          await load();
          return;
        }
        const refusal = await answer.json().catch(() => ({}));
        // "reason: 请说明… / say why…": the field is the one beside it, so its code is left out
        const prefix = refusal.parameter ? refusal.parameter + ': ' : '';
        const message = refusal.error && prefix && refusal.error.startsWith(prefix)
          ? refusal.error.slice(prefix.length) : refusal.error;
        error.textContent = message || ('撤回失败(HTTP ' + answer.status + ') Withdrawing failed (HTTP ' + answer.status + ')');
      } catch (e) {
        error.textContent = '无法连接服务器,请稍后再试。 The server cannot be reached: try again later.';
      } finally {
        confirm.disabled = false;
      }
    });
    return box;
  }

  /** Asks to change the approved trip: the change itself is entered in its Tasklist task. */
  function change(trip) {
    const box = el('div', null, 'change');
    const open = el('button', '申请变更 Change the trip', 'request-change');
    open.type = 'button';
    open.dataset.trip = trip.processInstanceId;
    const error = el('div', null, 'error');
    error.setAttribute('role', 'alert');
    box.append(open, error);
    open.addEventListener('click', async () => {
      error.textContent = '';
      open.disabled = true;
      try {
        const answer = await fetch('/api/my-trips/' + encodeURIComponent(trip.processInstanceId) + '/change', {
          method: 'POST', credentials: 'same-origin', headers: HEADERS
        });
        if (answer.status === 401) {
          location.replace(loginPage());
          return;
        }
        const result = await answer.json().catch(() => ({}));
        if (answer.ok && result.tasklist) {
          location.assign(result.tasklist);
          return;
        }
        error.textContent = result.error || ('申请变更失败(HTTP ' + answer.status + ') Asking for a change failed (HTTP '
          + answer.status + ')');
      } catch (e) {
        error.textContent = '无法连接服务器,请稍后再试。 The server cannot be reached: try again later.';
      } finally {
        open.disabled = false;
      }
    });
    return box;
  }

  /** What the applicant may do with the trip now: change it (once approved), withdraw it. */
  function actions(trip) {
    const box = el('div', null, 'actions');
    if (trip.changeable) {
      box.appendChild(change(trip));
    }
    if (trip.withdrawable) {
      box.appendChild(withdrawal(trip));
    }
    return box.childNodes.length ? box : '';
  }

  function row(trip) {
    const tr = document.createElement('tr');
    tr.dataset.trip = trip.processInstanceId;
    const countries = (trip.countries || []).map(country => country.name).join('、');
    const dates = trip.departureDate ? day(trip.departureDate) + ' 至 ' + day(trip.returnDate) : '';
    tr.append(
      cell(trip.requestNumber, '申请编号 Request number'),
      cell(countries, '国家或地区 Countries'),
      cell(dates, '日期 Dates'),
      cell(trip.unitName, '单位 Unit'),
      cell(trip.statusLabel, '状态 Status'),
      cell(trip.nextStepLabel, '下一步 Next step'),
      cell(trip.deadline ? moment(trip.deadline) : '', '期限 Deadline'),
      cell(trip.approvalNumber ? approval(trip) : '', '批件号 Approval no.'),
      cell(actions(trip), '操作 Actions'));
    tr.lastChild.classList.add('withdrawal-cell');
    return tr;
  }

  async function load() {
    listError.textContent = '';
    let answer;
    try {
      answer = await fetch('/api/my-trips', { credentials: 'same-origin', headers: HEADERS });
    } catch (e) {
      listError.textContent = '无法连接服务器,请稍后再试。 The server cannot be reached: try again later.';
      return;
    }
    if (answer.status === 401) {
      location.replace(loginPage());
      return;
    }
    if (answer.status === 403) {
      showForApplicantsOnly();
      return;
    }
    if (!answer.ok) {
      listError.textContent = '读取失败(HTTP ' + answer.status + ') Reading failed (HTTP ' + answer.status + ')';
      return;
    }
    const trips = (await answer.json()).trips || [];
    body.textContent = '';
    trips.forEach(trip => body.appendChild(row(trip)));
    document.getElementById('empty').hidden = trips.length > 0;
    body.dataset.ready = 'true';
  }

  load();
})();
