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

$scope.editor = {
  ranks: [
    { id: 'staff', label: '科员及以下 Staff' }, { id: 'section', label: '科级 Section' },
    { id: 'division', label: '处级 Division' }, { id: 'bureau', label: '厅局级 Bureau' },
    { id: 'provincial', label: '省部级 Provincial' }],
  isoDate: isoDate,
  days: days,
  returnBeforeDeparture: function () { return f.departureDate && f.returnDate && f.returnDate < f.departureDate; },
  remove: function (list, index) { list.splice(index, 1); },
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
  fromTrip: function (trip) {
    f.unit = trip.unit;
    f.departureDate = parseDate(trip.departureDate);
    f.returnDate = parseDate(trip.returnDate);
    f.purpose = trip.purpose;
    f.tasks = (trip.tasks || ['']).slice();
    f.members = copy(trip.members || [{}]);
    f.itinerary = copy(trip.itinerary || []);
    f.budget = copy(trip.budget || [{}]);
    f.transits = copy(trip.transits || []);
    f.invitation = copy(trip.invitation || {});
    f.planned = trip.planReference ? 'yes' : 'no';
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
      members: copy(f.members),
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
  }).catch(function (error) {
    $scope.editor.checked = { problems: ['预检未能完成 The check could not be made: ' + error.message], findings: [] };
  }).then(function () {
    $scope.editor.checking = false;
    $scope.$applyAsync();
  });
};
