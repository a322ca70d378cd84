// Plotly's bundle has no French locale: this registers one (numbers `1 234,5`, French month
// names), whether plotly.js is already loaded or loads after this file (Dash loads it async).
(function () {
  var locale = {
    moduleType: "locale",
    name: "fr",
    dictionary: {
      "Autoscale": "Échelle automatique",
      "Box Select": "Sélection rectangulaire",
      "Click to enter Colorscale title": "Ajouter un titre à l'échelle de couleurs",
      "Click to enter Component A title": "Ajouter un titre à la composante A",
      "Click to enter Component B title": "Ajouter un titre à la composante B",
      "Click to enter Component C title": "Ajouter un titre à la composante C",
      "Click to enter Plot title": "Ajouter un titre au graphique",
      "Click to enter Plot subtitle": "Ajouter un sous-titre au graphique",
      "Click to enter X axis title": "Ajouter un titre à l'axe des x",
      "Click to enter Y axis title": "Ajouter un titre à l'axe des y",
      "Compare data on hover": "Comparer les données au survol",
      "Double-click on legend to isolate one trace": "Double-cliquer sur la légende pour isoler une série",
      "Double-click to zoom back out": "Double-cliquer pour dézoomer",
      "Download plot as a png": "Télécharger le graphique en PNG",
      "Download plot as a PNG": "Télécharger le graphique en image PNG",
      "Download plot as JSON": "Télécharger le graphique en JSON",
      "Download plot": "Télécharger le graphique",
      "Draw circle": "Dessiner un cercle",
      "Draw closed freeform": "Dessiner une forme libre fermée",
      "Draw line": "Dessiner une ligne",
      "Draw open freeform": "Dessiner une forme libre ouverte",
      "Draw rectangle": "Dessiner un rectangle",
      "Erase active shape": "Effacer la forme active",
      "Edit in Chart Studio": "Éditer dans Chart Studio",
      "Image download succeeded": "Image téléchargée",
      "JSON download succeeded": "Fichier JSON téléchargé",
      "Lasso Select": "Sélection lasso",
      "Orbital rotation": "Rotation orbitale",
      "Pan": "Translation",
      "Preparing image - this may take a few seconds": "Préparation de l'image, cela peut prendre quelques secondes",
      "Produced with Plotly.js": "Généré avec Plotly.js",
      "Reset": "Réinitialiser",
      "Reset axes": "Réinitialiser les axes",
      "Reset camera to default": "Revenir à la vue par défaut",
      "Reset camera to last save": "Revenir à la dernière vue enregistrée",
      "Reset view": "Réinitialiser",
      "Reset views": "Réinitialiser les vues",
      "Share chart...": "Partager le graphique…",
      "Show closest data on hover": "Afficher la donnée la plus proche au survol",
      "Snapshot succeeded": "Capture d'écran réussie",
      "Sorry, there was a problem downloading your snapshot!": "Désolé, un problème est survenu lors de la capture d'écran !",
      "Sorry, there was a problem downloading your image!": "Désolé, l'image n'a pas pu être téléchargée !",
      "Sorry, there was a problem downloading your JSON file!": "Désolé, le fichier JSON n'a pas pu être téléchargé !",
      "Taking snapshot - this may take a few seconds": "Capture d'écran en cours, cela peut prendre quelques secondes",
      "Toggle Spike Lines": "Afficher ou masquer les lignes de repère",
      "Toggle show closest data on hover": "Afficher ou masquer la donnée la plus proche au survol",
      "Turntable rotation": "Rotation en plateau",
      "Zoom": "Zoom",
      "Zoom in": "Zoom avant",
      "Zoom out": "Zoom arrière",
      "close:": "fermeture :",
      "high:": "haut :",
      "low:": "bas :",
      "open:": "ouverture :",
      "max:": "max. :",
      "mean:": "moyenne :",
      "median:": "médiane :",
      "min:": "min. :",
      "new text": "nouveau texte",
      "trace": "série"
    },
    format: {
      days: ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"],
      shortDays: ["dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."],
      months: ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
               "septembre", "octobre", "novembre", "décembre"],
      shortMonths: ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août",
                    "sept.", "oct.", "nov.", "déc."],
      date: "%d/%m/%Y",
      decimal: ",",
      thousands: "\u202f"
    }
  };
  if (typeof window.Plotly === "undefined" || !window.Plotly.register) {
    window.PlotlyLocales = window.PlotlyLocales || [];
    window.PlotlyLocales.push(locale);
  } else {
    window.Plotly.register(locale);
  }
})();
