'use strict';
// Shared by the auditors' pages. Every value from the server is inserted as text, never as HTML.
const Audit = (() => {
  // the trail's own events; statuses, decisions and levels come from /api/vocabulary
  const events = {
    'trip.submitted': '提交申请 Submitted', 'trip.ended': '流程结束 Ended', 'task.create': '产生待办 Task created',
    'task.complete': '办结任务 Task completed', 'task.update': '任务变更 Task changed', 'task.delete': '任务取消 Task cancelled',
    'variable.create': '写入数据 Data set', 'variable.update': '修改数据 Data changed', 'variable.delete': '删除数据 Data removed',
    'activity.completed': '环节完成 Step completed', 'activity.cancelled': '环节取消 Step cancelled',
    'notification.sent': '发送邮件 Mail sent', 'operation.Claim': '认领任务 Claimed', 'operation.Complete': '提交任务 Completed',
    'perDiem.standards.loaded': '载入开支标准 Per-diem standards loaded', 'perDiem.rates.loaded': '载入汇率 Exchange rates loaded'
  };

  let vocabulary = {};

  /** Loads the words of statuses, decisions and levels once; the pages wait for it before they show codes. */
  async function loadVocabulary() {
    vocabulary = await get('/api/vocabulary');
    return vocabulary;
  }

  /** What users read for a code of one vocabulary (tripStatuses, reportStatuses, decisions, reviewLevels). */
  function label(code, kind) {
    const word = code == null ? null : (vocabulary[kind] || {})[code];
    return code == null ? '' : (word ? word.label : code);
  }

  function event(code) {
    return code == null ? '' : (events[code] || code);
  }

  function words(kind) {
    return Object.keys(vocabulary[kind] || {});
  }

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

  function row(cells) {
    const tr = document.createElement('tr');
    cells.forEach(cell => {
      const td = document.createElement('td');
      if (cell instanceof Node) {
        td.appendChild(cell);
      } else {
        td.textContent = cell == null ? '' : String(cell);
      }
      tr.appendChild(td);
    });
    return tr;
  }

  /** Names each cell after its column: a table of class "cards" shows its rows as cards on a phone. */
  function labelCells(table) {
    const headings = Array.from(table.tHead.rows[0].cells).map(heading => heading.textContent.trim());
    Array.from(table.tBodies[0].rows).forEach(tr => Array.from(tr.cells).forEach((cell, i) => {
      cell.dataset.label = headings[i] || '';
    }));
  }

  /** The login page, which comes back to this page once logged in. */
  function loginPage() {
    return '/audit/login.html?next=' + encodeURIComponent(location.pathname + location.search + location.hash);
  }

  function showLogin(status) {
    const box = document.getElementById('login');
    box.hidden = false;
    box.textContent = '';
    box.appendChild(el('span', status === 403
      ? '只有纪检审计人员可以查看。 Only auditors may see this. '
      : '请先登录。 Please log in first. '));
    const link = el('a', '以审计人员账号登录 Log in as an auditor');
    link.id = 'loginLink';
    link.href = loginPage();
    box.appendChild(link);
  }

  async function get(url) {
    const response = await fetch(url, { credentials: 'same-origin',
      headers: { 'X-Requested-With': 'XMLHttpRequest', 'Accept': 'application/json' } });
    if (response.status === 401) {
      // not logged in (or the session ended): to the login, which comes back here
      location.replace(loginPage());
      throw new Error('not allowed');
    }
    if (response.status === 403) {
      showLogin(response.status);
      throw new Error('not allowed');
    }
    if (!response.ok) {
      const body = await response.json().catch(() => ({}));
      throw new Error(body.error || (response.status + ' ' + response.statusText));
    }
    return response.json();
  }

  function showError(element, error) {
    if (error.message !== 'not allowed') {
      element.textContent = '出错 Error: ' + error.message;
    }
  }

  return { loadVocabulary, label, words, event, el, row, labelCells, get, showError };
})();
