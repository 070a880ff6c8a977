'use strict';
// The working paper: one trip's complete record for the audit file, with the verification of the
// whole chain and the hash of each of the trip's rows, laid out to be printed or saved as PDF.
(async () => {
  const id = new URLSearchParams(location.search).get('id') || '';
  document.getElementById('tripLink').href = 'trip.html?id=' + encodeURIComponent(id);
  document.getElementById('print').addEventListener('click', () => window.print());
  try {
    const [record, verification] = await Promise.all([TripRecord.load(id),
      Audit.get('/api/audit/trail/verification')]);
    document.getElementById('printed').textContent = '流程实例 Process instance ' + id + ' · 生成于 Made on '
      + TripRecord.when(new Date().toISOString());
    TripRecord.show(record);
    showVerification(verification);
    const rows = TripRecord.table(['#', '时间 When', '经办人 By', '事件 What', '哈希 Hash (HMAC-SHA256)'],
      record.timeline.map(moment => [moment.entry, TripRecord.when(moment.at), moment.actorName,
        (moment.refused ? '[已拒绝 Refused] ' : '') + moment.what + (moment.reason ? '(理由 Reason: ' + moment.reason + ')' : ''),
        Audit.el('span', moment.hash, 'hash')]));
    rows.id = 'trailRows';
    document.getElementById('rows').appendChild(rows);
    document.body.dataset.ready = 'true';
  } catch (e) {
    Audit.showError(document.getElementById('error'), e);
  }

  function showVerification(result) {
    const box = document.getElementById('verification');
    box.appendChild(Audit.el('p', result.intact
      ? '完整,未被篡改 Intact: not tampered with — 已校验 ' + result.rowsChecked + ' 行 rows checked, '
        + result.checkpointsChecked + ' 个检查点 checkpoints'
      : '已损坏 BROKEN from row ' + result.firstBrokenRow + ': ' + result.problem, result.intact ? 'intact' : 'error'));
    box.firstChild.id = 'chainResult';
  }
})();
