document.getElementById('app')!.textContent = 'Dealbridge';
