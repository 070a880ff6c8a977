'use strict';
(async () => {
  const id = new URLSearchParams(location.search).get('id') || '';
  const error = document.getElementById('error');
  document.getElementById('paperLink').href = 'paper.html?id=' + encodeURIComponent(id);
  try {
    const record = await TripRecord.load(id);
    TripRecord.show(record);
    showTimeline(record.timeline);
    await showPath();
  } catch (e) {
    Audit.showError(error, e);
  }

  // the rows as stored, read once when the first is asked for
  let rows;
  function storedRows() {
    rows = rows || Audit.get('/api/audit/trips/' + encodeURIComponent(id) + '/trail')
      .then(trail => new Map(trail.map(entry => [entry.id, entry])));
    return rows;
  }

  // the steps in words; bookkeeping rows only when asked for, and any row's raw record on demand
  function showTimeline(moments) {
    const list = document.getElementById('timeline');
    const everyRow = document.getElementById('everyRow');
    moments.forEach(moment => {
      const item = Audit.el('li', null, 'moment' + (moment.main ? ' main' : ' bookkeeping') + (moment.refused ? ' refused' : ''));
      item.dataset.event = moment.event;
      item.appendChild(Audit.el('time', TripRecord.when(moment.at)));
      item.appendChild(Audit.el('span', moment.actorName + (moment.role ? ' · ' + moment.role : ''), 'who'));
      if (moment.refused) {
        item.appendChild(Audit.el('span', '已拒绝 Refused', 'badge'));
      }
      item.appendChild(Audit.el('span', moment.what, 'what'));
      if (moment.reason) {
        item.appendChild(Audit.el('span', '理由 Reason: ' + moment.reason, 'reason'));
      }
      const raw = Audit.el('button', '原始记录 Raw', 'raw');
      raw.type = 'button';
      raw.addEventListener('click', async () => {
        const shown = item.querySelector('pre');
        if (shown) {
          shown.remove();
          return;
        }
        const entry = (await storedRows()).get(moment.entry) || {};
        item.appendChild(Audit.el('pre', JSON.stringify({ id: moment.entry, event: entry.event, actor: entry.actor,
          occurredAt: entry.occurredAt, details: parse(entry.details), hash: entry.hash }, null, 2), 'details'));
      });
      item.appendChild(raw);
      list.appendChild(item);
    });
    const show = () => list.classList.toggle('every-row', everyRow.checked);
    everyRow.addEventListener('change', show);
    show();
  }

  function parse(details) {
    try {
      return JSON.parse(details);
    } catch (notJson) {
      return details;
    }
  }

  async function showPath() {
    const path = await Audit.get('/api/audit/trips/' + encodeURIComponent(id) + '/path');
    const viewer = new BpmnJS({ container: '#diagram' });
    await viewer.importXML(path.xml);
    const canvas = viewer.get('canvas');
    canvas.zoom('fit-viewport');
    const registry = viewer.get('elementRegistry');
    // the subprocess is passed by every trip; marking its whole area would hide the path inside it
    path.visited.filter(element => registry.get(element) && registry.get(element).type !== 'bpmn:SubProcess')
      .forEach(element => canvas.addMarker(element, 'visited'));
    document.getElementById('diagram').dataset.ready = 'true';
  }
})();
