// Behaviour of trip-editor.html, shared by the start and revision forms.
// Evaluated by those forms with the form's AngularJS $scope; keeps the view model in $scope.f.
var f = $scope.f = $scope.f || { tasks: [''], members: [{}], itinerary: [], budget: [{}], invitation: {}, planned: 'yes', transits: [] };

function isoDate(date) {
  if (!date) { return ''; }
  if (typeof date === 'string') { return date; }
  var month = ('0' + (date.getMonth() + 1)).slice(-2), day = ('0' + date.getDate()).slice(-2);
  return date.getFullYear() + '-' + month + '-' + day;
}

// a plain copy without the $$hashKey that ng-repeat adds to each row, which would otherwise be
// stored with the request and shown to the auditors
function copy(value) {
  return JSON.parse(JSON.stringify(value, function (key, field) {
    return key.indexOf('$$') === 0 ? undefined : field;
  }));
}

function parseDate(iso) {
  if (!iso) { return null; }
  var parts = iso.split('-');
  return new Date(+parts[0], +parts[1] - 1, +parts[2]);
}

function days() {
  var list = [];
  if (!f.departureDate || !f.returnDate || f.returnDate < f.departureDate) { return list; }
  for (var d = new Date(f.departureDate.getTime()); d <= f.returnDate && list.length < 60; d.setDate(d.getDate() + 1)) {
    list.push(isoDate(d));
  }
  return list;
}

function getJson(url) {
  return fetch(url, {
    credentials: 'same-origin',
    headers: { 'Accept': 'application/json', 'X-Requested-With': 'XMLHttpRequest' }
  }).then(function (response) {
    if (!response.ok) { throw new Error(response.status + ' ' + response.statusText); }
    return response.json();
  });
}

$scope.editor = {
  // the words of ranks, budget categories and countries (/api/vocabulary); the caller's units
  vocabulary: {},
  units: null,
  plan: {},
  isoDate: isoDate,
  days: days,
  returnBeforeDeparture: function () { return f.departureDate && f.returnDate && f.returnDate < f.departureDate; },
  remove: function (list, index) { list.splice(index, 1); },
  // a member picked from the personnel directory (/api/people): the directory's words stand, and
  // the server takes them from the directory again; one from outside it is identified by papers
  fromDirectory: function (member) { return !!member.personId && member.personId.indexOf(':') < 0; },
  // name, post and rank are the directory's, or typed for someone from outside it, or as stored
  // before the directory; a new row shows them once the person is picked or entered by papers
  showsMember: function (member) {
    return $scope.editor.fromDirectory(member) || !!member.$$outside || (!!member.name && !member.personId);
  },
  memberError: function (member, index) {
    var field = 'members[' + index + ']';
    return $scope.editor.error(field + '.personId')
      || (!$scope.editor.showsMember(member) && $scope.editor.error(field + '.name')
        ? '请从人员名录选择,或登记名录外人员 / pick the person from the directory, or enter someone from outside it' : '');
  },
  searchPeople: function (member) {
    var text = (member.$$search || '').trim();
    var asked = member.$$asked = (member.$$asked || 0) + 1;
    if (!text) { member.$$results = []; member.$$searched = false; return; }
    getJson('/api/people?q=' + encodeURIComponent(text)).then(function (people) {
      if (asked !== member.$$asked) { return; } // a later keystroke asked again
      member.$$results = people;
      member.$$searched = true;
      $scope.$applyAsync();
    }).catch(function () { member.$$results = []; $scope.$applyAsync(); });
  },
  pickPerson: function (member, person) {
    Object.assign(member, {
      personId: person.id, name: person.name, post: person.post,
      rank: person.rank, principalLeader: person.principalLeader
    });
    member.$$results = [];
    member.$$search = '';
    member.$$outside = false;
  },
  unpickPerson: function (member) {
    ['personId', 'name', 'post', 'rank', 'principalLeader', 'userId'].forEach(function (key) { delete member[key]; });
  },
  outside: function (member) {
    if (!member.$$outside) { delete member.personId; }
    member.$$results = [];
  },
  total: function () { return f.budget.reduce(function (sum, item) { return sum + (Number(item.amount) || 0); }, 0); },
  // one row per day of the trip; rows already filled in keep their content
  generateDays: function () {
    var byDate = {};
    f.itinerary.forEach(function (day) { byDate[day.date] = day; });
    var last = f.itinerary.length ? f.itinerary[f.itinerary.length - 1] : {};
    f.itinerary = days().map(function (date) {
      return byDate[date] || { date: date, country: last.country || '', city: last.city || '' };
    });
  },
  planEntryLabel: function (entry) {
    return entry.reference + ' ' + entry.title + '(' + entry.headcount + ' 人 people)';
  },
  fromTrip: function (trip) {
    f.unit = trip.unit || f.unit;
    f.departureDate = parseDate(trip.departureDate);
    f.returnDate = parseDate(trip.returnDate);
    f.purpose = trip.purpose;
    f.tasks = (trip.tasks || ['']).slice();
    f.members = copy(trip.members || [{}]).map(function (member) {
      var papers = /^([A-Z]+):(.*)$/.exec(member.personId || '');
      return papers ? Object.assign(member, { $$outside: true, $$idType: papers[1], $$idNumber: papers[2] }) : member;
    });
    f.itinerary = copy(trip.itinerary || []);
    f.budget = copy(trip.budget || [{}]);
    f.transits = copy(trip.transits || []);
    // the same object, which the invitation's country picker holds
    Object.keys(f.invitation).forEach(function (key) { delete f.invitation[key]; });
    Object.assign(f.invitation, copy(trip.invitation || {}));
    f.planned = trip.planReference ? 'yes' : 'no';
    pickers = new Map();
    f.planReference = trip.planReference;
    f.unplannedReason = trip.unplannedReason;
  },
  // writes the request into the variable's object, which the forms SDK submits as JSON
  toTrip: function (trip) {
    Object.assign(trip, {
      unit: f.unit || null,
      departureDate: isoDate(f.departureDate),
      returnDate: isoDate(f.returnDate),
      purpose: f.purpose,
      tasks: copy(f.tasks),
      members: f.members.map(function (member) {
        var plain = copy(member);
        if (member.$$outside) {
          plain.personId = member.$$idType && member.$$idNumber
            ? member.$$idType + ':' + member.$$idNumber.trim().toUpperCase() : null;
        }
        return plain;
      }),
      itinerary: copy(f.itinerary).map(function (day) {
        return Object.assign({}, day, { country: (day.country || '').toUpperCase() });
      }),
      invitation: Object.assign({}, f.invitation, { country: (f.invitation.country || '').toUpperCase() }),
      budget: copy(f.budget),
      transits: (f.transits || []).map(function (stop) {
        return { country: (stop.country || '').toUpperCase(), leavesAirport: !!stop.leavesAirport };
      }),
      planReference: f.planned === 'yes' ? f.planReference : null,
      unplannedReason: f.planned === 'no' ? f.unplannedReason : null
    });
    return trip;
  }
};

// the draft against the rules, as the server will check it on submission; nothing is stored
$scope.editor.check = function () {
  var letter = document.getElementById('invitationLetter'); // the start form's; a revision keeps the letter it has
  var attached = !letter || letter.type !== 'file' || letter.files.length > 0;
  $scope.editor.checking = true;
  fetch('/api/rules/check?invitationLetter=' + attached, {
    method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
    body: JSON.stringify($scope.editor.toTrip({}))
  }).then(function (response) {
    if (!response.ok) { throw new Error(response.status + ' ' + response.statusText); }
    return response.json();
  }).then(function (result) {
    $scope.editor.checked = result;
    $scope.editor.showProblems(result.problems);
  }).catch(function (error) {
    $scope.editor.checked = { problems: ['预检未能完成 The check could not be made: ' + error.message], findings: [] };
  }).then(function () {
    $scope.editor.checking = false;
    $scope.$applyAsync();
  });
};

// ---- the caller's units, the annual plan of the unit and year, the words of the vocabularies ----

getJson('/api/vocabulary').then(function (vocabulary) {
  $scope.editor.vocabulary = vocabulary;
  countries = Object.keys(vocabulary.countries || {}).map(function (code) {
    var word = vocabulary.countries[code];
    return { code: code, zh: word.zh, en: word.en, label: word.label, enLower: word.en.toLowerCase() };
  });
  pickers.forEach(function (state, holder) { if (!state.text) { state.text = labelOf(holder.country); } });
  $scope.$applyAsync();
}).catch(function () { /* the codes stay usable without their words */ });

getJson('/api/directory/my-units').then(function (units) {
  $scope.editor.units = units;
  if (!f.unit && units.length === 1) { f.unit = units[0].id; }
  $scope.$applyAsync();
}).catch(function () { $scope.editor.units = []; $scope.$applyAsync(); });

function unitName(id) {
  var unit = ($scope.editor.units || []).filter(function (u) { return u.id === id; })[0];
  return unit ? unit.name : id;
}

// the entries of the unit's plan for the year of departure, reloaded when either changes
$scope.$watch(function () {
  return f.unit && f.departureDate instanceof Date ? f.unit + '/' + f.departureDate.getFullYear() : '';
}, function (key) {
  var plan = $scope.editor.plan = { year: key ? +key.split('/')[1] : null, unitName: unitName(f.unit), entries: [], loaded: false };
  if (!key) { return; }
  getJson('/api/plans/' + encodeURIComponent(f.unit) + '/' + plan.year).then(function (entries) {
    plan.entries = entries;
  }).catch(function () {
    plan.entries = [];
  }).then(function () {
    plan.loaded = true;
    // an entry of another year's plan is no choice in this one
    if (plan.entries.length && f.planReference
        && !plan.entries.some(function (entry) { return entry.reference === f.planReference; })) {
      f.planReference = null;
    }
    $scope.$applyAsync();
  });
});

// ---- countries picked by name ----

var countries = [];
var pickers = new Map();

function labelOf(code) {
  var country = countries.filter(function (c) { return c.code === code; })[0];
  return country ? country.label : (code || '');
}

function exactly(text) {
  var wanted = (text || '').trim().toLowerCase();
  if (!wanted) { return null; }
  return countries.filter(function (c) {
    return c.label.toLowerCase() === wanted || c.zh === wanted || c.enLower === wanted || c.code.toLowerCase() === wanted;
  })[0] || null;
}

// the names that begin with what was typed first, then those that contain it
function search(text) {
  var wanted = (text || '').trim().toLowerCase();
  if (!wanted) { return []; }
  return countries.map(function (c) {
    var rank = c.zh === wanted || c.enLower === wanted || c.code.toLowerCase() === wanted ? 0
      : c.zh.indexOf(wanted) === 0 || c.enLower.indexOf(wanted) === 0 ? 1
      : c.zh.indexOf(wanted) > 0 || c.enLower.indexOf(wanted) > 0 ? 2 : -1;
    return { country: c, rank: rank };
  }).filter(function (m) { return m.rank >= 0; })
    .sort(function (a, b) { return a.rank - b.rank || a.country.zh.length - b.country.zh.length; })
    .slice(0, 8).map(function (m) { return m.country; });
}

var PICKERS = {
  day: { holder: function (i) { return f.itinerary[i]; }, field: function (i) { return 'itinerary[' + i + '].country'; }, id: function (i) { return 'day-country-' + i; } },
  transit: { holder: function (i) { return f.transits[i]; }, field: function (i) { return 'transits[' + i + '].country'; }, id: function (i) { return 'transit-country-' + i; } },
  invitation: { holder: function () { return f.invitation; }, field: function () { return 'invitation.country'; }, id: function () { return 'invitationCountry'; } }
};

Object.assign($scope.editor, {
  pickerHolder: function (kind, index) { return PICKERS[kind] ? PICKERS[kind].holder(index) : null; },
  pickerField: function (kind, index) { return PICKERS[kind] ? PICKERS[kind].field(index) : ''; },
  pickerId: function (kind, index) { return PICKERS[kind] ? PICKERS[kind].id(index) : ''; },
  picker: function (holder) {
    var state = pickers.get(holder);
    if (!state) {
      state = { text: labelOf(holder.country), open: false, matches: [] };
      pickers.set(holder, state);
    }
    return state;
  },
  search: function (holder) {
    var state = $scope.editor.picker(holder);
    state.matches = search(state.text);
    state.open = true;
  },
  pick: function (holder, country, field, event) {
    if (event) { event.preventDefault(); }
    var state = $scope.editor.picker(holder);
    holder.country = country.code;
    state.text = country.label;
    state.open = false;
    state.unknown = false;
    touched[field] = true;
    // the days after it that have no country yet are most likely spent there too
    var day = f.itinerary.indexOf(holder);
    if (day >= 0) {
      f.itinerary.slice(day + 1).filter(function (later) { return !later.country; }).forEach(function (later) {
        later.country = country.code;
        $scope.editor.picker(later).text = country.label;
      });
    }
  },
  // leaving the field: a name or code typed in full counts as picked; anything else is not a country
  settle: function (holder, field) {
    var state = $scope.editor.picker(holder);
    var country = exactly(state.text);
    state.open = false;
    touched[field] = true;
    if (country) {
      holder.country = country.code;
      state.text = country.label;
      state.unknown = false;
    } else {
      holder.country = '';
      state.unknown = !!(state.text || '').trim();
    }
  },
  pickerKey: function (holder, field, event) {
    var state = $scope.editor.picker(holder);
    if (event.key === 'Enter' && state.open && state.matches.length) {
      event.preventDefault();
      $scope.editor.pick(holder, state.matches[0], field);
    } else if (event.key === 'Escape') {
      state.open = false;
    }
  }
});

// ---- every refusal beside its field: the browser's own checks and the server's problems ----

var touched = {};
var serverErrors = {};
var shownFields = {};
var others = [];

// the server names fields as trip.members[0].rank, members[0].name, plannedOrExplained
function fieldOfProblem(problem) {
  var match = /^([A-Za-z][\w.\[\]]*): ([\s\S]*)$/.exec(problem.trim());
  if (!match) { return { field: '', message: problem.trim() }; }
  var field = match[1].replace(/^trip\./, '');
  if (field === 'plannedOrExplained') { field = f.planned === 'no' ? 'unplannedReason' : 'planReference'; }
  return { field: field, message: match[2] };
}

function required(value) {
  return value === undefined || value === null || (typeof value === 'string' && !value.trim());
}

var REQUIRED = '必填 / Required';

// what the browser itself finds wrong with a field; empty fields only once left or checked
function clientError(field) {
  var shown = touched[field] || $scope.editor.showAll;
  var m;
  if (field === 'returnDate' && $scope.editor.returnBeforeDeparture()) {
    return '回国日期早于出发日期 / The return date is before the departure date';
  }
  if (field === 'departureDate' || field === 'returnDate') { return shown && !f[field] ? REQUIRED : ''; }
  if (field === 'purpose' || field === 'unplannedReason' || field === 'planReference') {
    if (field === 'planReference' && f.planned === 'yes' && shown && !f.planReference && $scope.editor.plan.entries && $scope.editor.plan.entries.length) {
      return '请从本单位年度计划中选择 / Choose the entry from your unit\'s plan';
    }
    return shown && required(f[field]) ? REQUIRED : '';
  }
  if (field === 'unit') { return shown && ($scope.editor.units || []).length > 1 && !f.unit ? '请选择申请单位 / Choose the unit the trip is for' : ''; }
  if (field === 'invitation.organisation') { return shown && required(f.invitation.organisation) ? REQUIRED : ''; }
  if (field === 'invitation.noIntermediary' || field === 'invitation.notPaidByCompanyOrOverseasChinese') {
    return shown && f.invitation[field.split('.')[1]] !== true ? '请勾选此项声明 / Tick to make this declaration' : '';
  }
  if ((m = /^tasks\[(\d+)\]$/.exec(field))) { return shown && required(f.tasks[+m[1]]) ? REQUIRED : ''; }
  if ((m = /^members\[(\d+)\]\.(\w+)$/.exec(field))) {
    var member = f.members[+m[1]] || {};
    return shown && required(member[m[2]]) ? REQUIRED : '';
  }
  if ((m = /^budget\[(\d+)\]\.(\w+)$/.exec(field))) {
    var item = f.budget[+m[1]] || {};
    if (m[2] === 'amount' && !required(item.amount) && !(Number(item.amount) > 0)) {
      return '金额须大于零 / The amount must be more than zero';
    }
    return shown && required(item[m[2]]) ? REQUIRED : '';
  }
  if ((m = /^itinerary\[(\d+)\]\.(city|activity)$/.exec(field))) {
    var day = f.itinerary[+m[1]] || {};
    return shown && required(day[m[2]]) ? REQUIRED : '';
  }
  if ((m = /^(itinerary\[(\d+)\]|transits\[(\d+)\]|invitation)\.country$/.exec(field))) {
    var holder = m[2] !== undefined ? f.itinerary[+m[2]] : m[3] !== undefined ? f.transits[+m[3]] : f.invitation;
    if (!holder) { return ''; }
    var state = $scope.editor.picker(holder);
    if (state.unknown) { return '请从列表中选择国家或地区 / Choose a country or region from the list'; }
    return shown && !holder.country ? REQUIRED : '';
  }
  return '';
}

// the fields a rule's finding is about, shown beside them as well as in the list of findings
var FIELD_OF_RULE = { leadTime: 'departureDate' };

Object.assign($scope.editor, {
  touch: function (field) { touched[field] = true; },
  // the findings about a field: the last draft check's, else those the request came back with
  findingsFor: function (field) {
    var findings = $scope.editor.checked ? $scope.editor.checked.findings : $scope.findings;
    return (findings || []).filter(function (finding) { return FIELD_OF_RULE[finding.rule] === field; });
  },
  // the message shown beside the field, or '' for none
  error: function (field) {
    shownFields[field] = true;
    return (serverErrors[field] || []).join(' ') || clientError(field);
  },
  // the server's problems that name no field shown in the form: listed by the check's result
  otherErrors: function () {
    var now = Object.keys(serverErrors).filter(function (field) { return !shownFields[field]; })
      .reduce(function (all, field) {
        return all.concat(serverErrors[field].map(function (message) { return field ? field + ': ' + message : message; }));
      }, []);
    if (now.join('\n') !== others.join('\n')) { others = now; }
    return others;
  },
  // a refused submission as the forms SDK reports it: the server's message lies somewhere in what it passes
  showRefusal: function (error) {
    var found = null;
    (function look(value, depth) {
      if (found || value === null || value === undefined || depth > 4) { return; }
      if (typeof value === 'string') {
        if (value.indexOf('Please correct the following:') >= 0) { found = value; }
        return;
      }
      if (typeof value === 'object') {
        ['message', 'data', 'body', 'response', 'responseText', 'error'].forEach(function (key) {
          try { look(value[key], depth + 1); } catch (ignored) { /* a property that cannot be read */ }
        });
      }
    })(error, 0);
    if (found) {
      $scope.editor.showProblems(found);
      // the first refusal into view: the button that was pressed is at the bottom of a long form
      setTimeout(function () {
        var first = document.querySelector('.field-error');
        if (first) { first.scrollIntoView({ block: 'center' }); }
      }, 100);
    }
  },
  // the server's refusal, "请更正以下内容 / Please correct the following: a: x; b: y", or a list of problems
  showProblems: function (problems) {
    if (typeof problems === 'string') {
      var text = problems.replace(/^[\s\S]*?Please correct the following:\s*/, '');
      problems = text.split(/;\s+(?=[A-Za-z][\w.\[\]]*: )/);
    }
    serverErrors = {};
    (problems || []).forEach(function (problem) {
      var found = fieldOfProblem(problem);
      (serverErrors[found.field] = serverErrors[found.field] || []).push(found.message);
    });
    $scope.editor.showAll = true;
    $scope.$applyAsync();
  }
});

// a refusal no longer holds once its field is changed: the next check or submission says again
$scope.$watch('f', function (now, before) {
  if (now !== before && Object.keys(serverErrors).length) { serverErrors = {}; }
}, true);
