'use strict';
(async () => {
  const id = new URLSearchParams(location.search).get('id') || '';
  const error = document.getElementById('error');
  try {
    await Audit.loadVocabulary();
    const trip = await Audit.get('/api/audit/trips/' + encodeURIComponent(id));
    const summary = document.getElementById('summary');
    [['申请编号 Request number', trip.requestNumber || '—'], ['申请人 Applicant', trip.applicant], ['单位 Unit', trip.unit], ['状态 Status', Audit.label(trip.status, 'tripStatuses')],
      ['批准日期 Approved dates', trip.departureDate + ' — ' + trip.returnDate],
      ['实际日期 Actual dates', trip.actualDepartureDate ? trip.actualDepartureDate + ' — ' + trip.actualReturnDate : '—'],
      ['团员 Members', trip.members.join('、')], ['国家 Countries', trip.countries.join(', ')],
      ['批件号 Approval number', trip.approvalNumber || '—'], ['报告 Report', Audit.label(trip.reportStatus, 'reportStatuses')],
      ['审查 Findings', trip.findings || '—']].forEach(([name, value]) => {
      summary.appendChild(Audit.el('dt', name));
      summary.appendChild(Audit.el('dd', value));
    });

    const trail = await Audit.get('/api/audit/trips/' + encodeURIComponent(id) + '/trail');
    const body = document.querySelector('#timeline tbody');
    trail.forEach(entry => body.appendChild(Audit.row([entry.id, new Date(entry.occurredAt).toLocaleString('zh-CN'),
      Audit.event(entry.event), entry.actor || '系统 system', Audit.el('div', entry.details, 'details')])));

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
  } catch (e) {
    Audit.showError(error, e);
  }
})();
