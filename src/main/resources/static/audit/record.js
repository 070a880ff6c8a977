'use strict';
// One trip's record in words, shared by the trip page and the working paper. Everything from the
// server is inserted as text (Audit.el, Audit.row), never as HTML.
const TripRecord = (() => {
  const el = Audit.el;

  function table(headings, rows) {
    const result = el('table');
    const head = el('thead');
    const headRow = el('tr');
    headings.forEach(heading => headRow.appendChild(el('th', heading)));
    head.appendChild(headRow);
    result.appendChild(head);
    const body = el('tbody');
    rows.forEach(cells => body.appendChild(Audit.row(cells)));
    result.appendChild(body);
    return result;
  }

  function list(entries) {
    const dl = el('dl', null, 'summary');
    entries.forEach(([name, value]) => {
      dl.appendChild(el('dt', name));
      dl.appendChild(value instanceof Node ? wrap('dd', value) : el('dd', value == null || value === '' ? '—' : value));
    });
    return dl;
  }

  function wrap(tag, child) {
    const element = el(tag);
    element.appendChild(child);
    return element;
  }

  function none(text) {
    return el('p', text || '无 None', 'none');
  }

  function when(instant) {
    return instant ? new Date(instant).toLocaleString('zh-CN', { hour12: false }) : '—';
  }

  // the applicant's declaration; requests before it have none
  function declared(value) {
    return value === true ? '已声明 Declared' : value === false ? '未声明 Not declared' : null;
  }

  function country(record, code) {
    return (record.countryNames || {})[code] || code || '';
  }

  /** The PDF issued with the approval number; trips approved before documents existed have none (404). */
  function documentLink(processInstanceId) {
    const link = el('a', '下载 PDF Download');
    link.href = '/api/documents/' + encodeURIComponent(processInstanceId);
    return link;
  }

  function summary(record) {
    const trip = record.summary;
    return list([
      ['申请编号 Request number', trip.requestNumber],
      ['申请人 Applicant', record.applicantName],
      ['单位 Unit', record.unitName],
      ['状态 Status', Audit.label(trip.status, 'tripStatuses')],
      ['批件号 Approval number', trip.approvalNumber],
      ['出国任务批件 Approval document', trip.approvalNumber ? documentLink(trip.processInstanceId) : null],
      ['出访日期 Dates of the trip', trip.departureDate + ' — ' + trip.returnDate],
      ['实际日期 Actual dates', trip.actualDepartureDate ? trip.actualDepartureDate + ' — ' + trip.actualReturnDate : null],
      ['国家或地区 Countries', trip.countries.map(code => country(record, code)).join('、')],
      ['报告 Report', Audit.label(trip.reportStatus, 'reportStatuses')]
    ]);
  }

  function request(record) {
    const trip = record.request;
    const box = el('div');
    if (!trip) {
      box.appendChild(none());
      return box;
    }
    box.appendChild(list([
      ['出访目的 Purpose', trip.purpose],
      ['出发 Departure', trip.departureDate],
      ['回国 Return', trip.returnDate],
      ['年度计划 Plan entry', trip.planReference],
      ['计划外理由 Reason for an unplanned trip', trip.unplannedReason],
      ['邀请单位 Inviting body', trip.invitation ? trip.invitation.organisation + '(' + country(record, trip.invitation.country) + ')' : null],
      ['声明未经中介机构 Declared: no intermediary', declared(trip.invitation && trip.invitation.noIntermediary)],
      ['声明费用不由企业、华人华侨社团支付 Declared: not paid by a commercial or overseas Chinese organisation',
        declared(trip.invitation && trip.invitation.notPaidByCompanyOrOverseasChinese)]
    ]));
    box.appendChild(el('h3', '出访任务 Tasks'));
    const tasks = el('ol');
    (trip.tasks || []).forEach(task => tasks.appendChild(el('li', task)));
    box.appendChild(tasks);
    box.appendChild(el('h3', '团组成员 Delegation'));
    box.appendChild(table(['姓名 Name', '职务 Post', '级别 Rank'],
      (trip.members || []).map(member => [member.name, member.post, Audit.label(member.rank, 'ranks')])));
    box.appendChild(el('h3', '日程 Itinerary'));
    box.appendChild(table(['日期 Date', '国家或地区 Country', '城市 City', '公务活动 Activity', '会见单位 Counterpart'],
      (trip.itinerary || []).map(day => [day.date, country(record, day.country), day.city, day.activity, day.counterpart || '—'])));
    if ((trip.transits || []).length) {
      box.appendChild(el('h3', '经停 Transit stops'));
      box.appendChild(table(['国家或地区 Country', '出机场 Leaves the airport'],
        trip.transits.map(stop => [country(record, stop.country), stop.leavesAirport ? '是 Yes' : '否 No'])));
    }
    box.appendChild(el('h3', '经费预算 Budget'));
    const total = (trip.budget || []).reduce((sum, item) => sum + Number(item.amount || 0), 0);
    box.appendChild(table(['项目 Item', '类别 Category', '金额(元) Amount (CNY)', '经费来源 Funding source'],
      (trip.budget || []).map(item => [item.item, item.category ? Audit.label(item.category, 'budgetCategories') : '—',
        Number(item.amount).toFixed(2), item.fundingSource]).concat([['合计 Total', '', total.toFixed(2), '']])));
    box.appendChild(standards(record.budgetStandards));
    return box;
  }

  // the per-diem standards the rule check compared the budget with, as they were then
  function standards(compared) {
    const box = el('div');
    box.id = 'budgetStandards';
    box.appendChild(el('h3', '与开支标准对比 Compared with the per-diem standards'));
    if (!compared) {
      box.appendChild(none('未对比 Not compared'));
      return box;
    }
    const yuan = value => value == null ? '—' : Number(value).toFixed(2);
    box.appendChild(table(['费用 Cost', '预算(元) Budget (CNY)', '标准(元) Standard (CNY)'], [
      ['住宿费 Lodging', yuan(compared.lodgingBudget), yuan(compared.lodgingStandard)],
      ['伙食费和公杂费 Meals and incidentals', yuan(compared.mealsBudget), yuan(compared.mealsStandard)]]));
    if (compared.standardsVersion || compared.ratesVersion) {
      box.appendChild(el('p', '所用版本 Versions used: 开支标准 Standards ' + (compared.standardsVersion || '—')
        + ' · 汇率 Rates ' + (compared.ratesVersion || '—')));
    }
    if (compared.countriesWithoutStandard) {
      box.appendChild(el('p', '无标准的国家或地区 Without a standard: ' + compared.countriesWithoutStandard));
    }
    return box;
  }

  function findings(list, emptyText) {
    if (!list || !list.length) {
      return none(emptyText || '未发现问题 No findings');
    }
    return table(['规则 Rule', '性质 Severity', '内容 Finding', '依据 Regulation', '规则表版本 Table version'],
      list.map(finding => [Audit.label(finding.rule, 'rules'), Audit.label(finding.severity, 'severities'),
        finding.message, finding.regulation || '—',
        (finding.table ? finding.table + ' v' + finding.tableVersion : '—')
          + (finding.standards ? ' · ' + finding.standards : '')]));
  }

  function decisions(record) {
    if (!record.decisions.length) {
      return none('尚无审批决定 No decision yet');
    }
    return table(['层级 Level', '决定 Decision', '审批人 By', '时间 When', '理由 Reason'],
      record.decisions.map(decision => [decision.level, decision.decision,
        decision.decidedBy + (decision.onBehalfOf ? '(代 for ' + decision.onBehalfOf + ')' : ''),
        when(decision.decidedAt), decision.reason || '—']));
  }

  function report(record) {
    const report = record.report;
    const box = el('div');
    if (!report) {
      box.appendChild(none('尚未提交 Not filed yet'));
      return box;
    }
    box.appendChild(list([
      ['实际出发 Actual departure', report.actualDepartureDate],
      ['实际回国 Actual return', report.actualReturnDate],
      ['实际国家或地区 Actual countries', (report.actualCountries || []).map(code => country(record, code)).join('、')],
      ['实际支出(元) Spending (CNY)', report.spending == null ? null : Number(report.spending).toFixed(2)],
      ['支出说明 Notes on spending', report.spendingNotes],
      ['护照交回日期 Passport handed back on', report.passportReturnedOn],
      ['后续工作 Follow-up', report.followUp]
    ]));
    box.appendChild(el('h3', '任务完成情况 Results of the tasks'));
    box.appendChild(table(['任务 Task', '成效 Result'], (report.taskResults || []).map(result => [result.task || '—', result.result])));
    box.appendChild(el('h3', '回国后审查 After-return findings'));
    box.appendChild(findings(record.reportFindings));
    return box;
  }

  function revisions(record) {
    const box = el('div');
    record.revisions.forEach(revision => {
      const section = el('section', null, 'revision');
      section.dataset.revision = revision.number;
      section.appendChild(el('h3', '第' + revision.number + '版 Version ' + revision.number + ' · '
        + when(revision.at) + ' · ' + revision.byName));
      section.appendChild(revision.number === 1
        ? el('p', '首次提交,共' + revision.changes.length + '项内容 First version, ' + revision.changes.length + ' fields')
        : revision.changes.length
          ? table(['内容 Field', '修改前 Before', '修改后 After'],
            revision.changes.map(change => [change.field, change.before == null ? '—' : change.before,
              change.after == null ? '—' : change.after]))
          : none('内容未变 Nothing changed'));
      box.appendChild(section);
    });
    return box;
  }

  function fill(id, content) {
    const target = document.getElementById(id);
    if (target) {
      target.textContent = '';
      target.appendChild(content);
    }
  }

  /** Shows a record in the page's sections that exist. */
  function show(record) {
    fill('summary', summary(record));
    fill('request', request(record));
    fill('findings', findings(record.findings));
    fill('decisions', decisions(record));
    fill('report', report(record));
    fill('revisions', revisions(record));
  }

  async function load(id) {
    await Audit.loadVocabulary();
    return Audit.get('/api/audit/trips/' + encodeURIComponent(id) + '/record');
  }

  return { load, show, when, table };
})();
