'use strict';
// The public verification of approval documents: everything from the server is inserted as text.
(function () {
  const form = document.getElementById('verify');
  const formError = document.getElementById('formError');
  const answer = document.getElementById('answer');

  function fact(list, name, value, className) {
    if (value == null || value === '') {
      return;
    }
    const dt = document.createElement('dt');
    dt.textContent = name;
    const dd = document.createElement('dd');
    dd.textContent = String(value);
    if (className) {
      dd.className = className;
    }
    list.append(dt, dd);
  }

  function show(result) {
    answer.hidden = false;
    answer.className = 'answer ' + result.verdict.code;
    document.getElementById('verdictZh').textContent = result.verdict.zh;
    document.getElementById('verdictEn').textContent = result.verdict.en;
    const facts = document.getElementById('facts');
    facts.textContent = '';
    fact(facts, '批件号 Approval number', result.approvalNumber);
    if (result.revision != null) {
      fact(facts, '版本 Revision', result.revision + (result.latestRevision ? ' (现行 current)' : ' (已被新版取代 replaced by a later revision)'));
    }
    fact(facts, '出具日期 Issued on', result.issuedOn);
    fact(facts, '单位 Unit', result.unit);
    fact(facts, '出具文件的SHA-256 SHA-256 of the issued file', result.sha256, 'hash');
    fact(facts, '上传文件的SHA-256 SHA-256 of the uploaded file', result.uploadedSha256, 'hash');
  }

  form.addEventListener('submit', async event => {
    event.preventDefault();
    formError.textContent = '';
    answer.hidden = true;
    const data = new FormData(form);
    const file = document.getElementById('file').files[0];
    if (!file) {
      data.delete('file');
    }
    let response;
    try {
      response = await fetch('/api/document-verification', {
        method: 'POST',
        body: data,
        credentials: 'same-origin',
        headers: { 'X-Requested-With': 'XMLHttpRequest', Accept: 'application/json' }
      });
    } catch (e) {
      formError.textContent = '无法连接服务器,请稍后再试。 The server cannot be reached: try again later.';
      return;
    }
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      formError.textContent = body.error || ('核验失败 The check failed (' + response.status + ')');
      return;
    }
    show(body);
  });
})();
