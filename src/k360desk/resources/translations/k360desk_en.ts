<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="de">
<context>
    <name>AboutDialog</name>
    <message>
        <source>Über k360desk</source>
        <translation>About k360desk</translation>
    </message>
    <message>
        <source>&lt;h2&gt;k360desk %1&lt;/h2&gt;&lt;p&gt;Integrierte Sozialplanung für Kommunen: Monitoring, Sozialatlas, Förderentscheidungen und Berichte – offline auf dem eigenen PC.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;k360desk %1&lt;/h2&gt;&lt;p&gt;Integrated social planning for municipalities: monitoring, social atlas, funding decisions and reports – offline on your own PC.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Komponente</source>
        <translation>Component</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Lizenz</source>
        <translation>Licence</translation>
    </message>
    <message>
        <source>Versionen und Lizenzen</source>
        <translation>Versions and licences</translation>
    </message>
    <message>
        <source>Lizenzhinweise</source>
        <translation>Licence notes</translation>
    </message>
    <message>
        <source>&lt;p&gt;Qt und PySide6 werden unter der GNU Lesser General Public License v3 genutzt und dynamisch eingebunden; sie lassen sich gegen eigene Fassungen austauschen.&lt;/p&gt;&lt;p&gt;Die übrigen Bibliotheken stehen unter freien Lizenzen (BSD, MIT, Apache, PSF); ihre Lizenztexte liegen im Installationsordner unter &lt;i&gt;licenses&lt;/i&gt;.&lt;/p&gt;&lt;p&gt;Kartengrundlagen und Daten des Demo-Projekts „Musterstadt“ sind erfunden.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Qt and PySide6 are used under the GNU Lesser General Public License v3 and linked dynamically; they can be replaced with your own builds.&lt;/p&gt;&lt;p&gt;The other libraries are under free licences (BSD, MIT, Apache, PSF); their licence texts are in the installation folder under &lt;i&gt;licenses&lt;/i&gt;.&lt;/p&gt;&lt;p&gt;Base maps and data of the demo project “Musterstadt” are invented.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Versionen</source>
        <translation>&amp;Versions</translation>
    </message>
    <message>
        <source>&amp;Lizenzen</source>
        <translation>&amp;Licences</translation>
    </message>
    <message>
        <source>Schließen</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>Aftercare</name>
    <message>
        <source>Projekt nach Jahresgespräch beenden</source>
        <translation>End project after yearly review</translation>
    </message>
    <message>
        <source>Das Gespräch hat das Projekt beendet; sein Datum bestimmt die entfallenen Jahresraten und bleibt (Rückgängig oder Änderungsbescheid).</source>
        <translation>This review ended the project; its date determines the dropped yearly amounts and stays (Undo or amendment notice).</translation>
    </message>
    <message>
        <source>Das Gespräch hat das Projekt beendet; die entfallenen Jahresraten stellt nur „Rückgängig“ oder ein Änderungsbescheid wieder her.</source>
        <translation>This review ended the project; only “Undo” or an amendment notice restores the dropped yearly amounts.</translation>
    </message>
    <message>
        <source>Bitte zuerst das Datum des Gesprächs eintragen: ab dem Folgejahr entfallen die Jahresraten.</source>
        <translation>Please enter the date of the review first: the yearly amounts from the following year are dropped.</translation>
    </message>
</context>
<context>
    <name>AftercareTab</name>
    <message>
        <source>Jahr</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <source>früher gebunden</source>
        <translation>committed earlier</translation>
    </message>
    <message>
        <source>bewilligt</source>
        <translation>awarded</translation>
    </message>
    <message>
        <source>ausgezahlt</source>
        <translation>paid out</translation>
    </message>
    <message>
        <source>zurückgezahlt</source>
        <translation>repaid</translation>
    </message>
    <message>
        <source>noch auszuzahlen</source>
        <translation>still to pay</translation>
    </message>
    <message>
        <source>frei</source>
        <translation>free</translation>
    </message>
    <message>
        <source>Budget je Jahr</source>
        <translation>Budget per year</translation>
    </message>
    <message>
        <source>Projekt</source>
        <translation>Project</translation>
    </message>
    <message>
        <source>Träger</source>
        <translation>Provider</translation>
    </message>
    <message>
        <source>Förderjahr</source>
        <translation>Funding year</translation>
    </message>
    <message>
        <source>Gespräch am</source>
        <translation>Talk on</translation>
    </message>
    <message>
        <source>Ergebnis</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Stand</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Jahresgespräche</source>
        <translation>Review talks</translation>
    </message>
    <message>
        <source>fällig am</source>
        <translation>due on</translation>
    </message>
    <message>
        <source>eingegangen</source>
        <translation>received</translation>
    </message>
    <message>
        <source>nicht verbraucht</source>
        <translation>unspent</translation>
    </message>
    <message>
        <source>Rückforderung offen</source>
        <translation>repayment outstanding</translation>
    </message>
    <message>
        <source>Verwendungsnachweise</source>
        <translation>Usage reports</translation>
    </message>
    <message>
        <source>Verwendungsnachweise anlegen</source>
        <translation>Create usage reports</translation>
    </message>
    <message>
        <source>Je bewilligtem Projekt und Förderjahr einen Nachweis, fällig am 30.06. des Folgejahres</source>
        <translation>One report per awarded project and funding year, due on 30 June of the following year</translation>
    </message>
    <message>
        <source>Betrag (€)</source>
        <translation>Amount (€)</translation>
    </message>
    <message>
        <source>am</source>
        <translation>on</translation>
    </message>
    <message>
        <source>Art</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Bemerkungen</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Zahlungen und Rückzahlungen</source>
        <translation>Payments and repayments</translation>
    </message>
    <message>
        <source>Auszahlung</source>
        <translation>Payment</translation>
    </message>
    <message>
        <source>Rückzahlung</source>
        <translation>Repayment</translation>
    </message>
    <message>
        <source>nicht verbraucht (€)</source>
        <translation>unspent (€)</translation>
    </message>
    <message>
        <source>Verwendungsnachweise bearbeiten</source>
        <translation>Edit usage reports</translation>
    </message>
    <message>
        <source>Datum</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Notizen</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Jahresgespräche erfassen</source>
        <translation>Record review talks</translation>
    </message>
    <message>
        <source>fortsetzen</source>
        <translation>continue</translation>
    </message>
    <message>
        <source>anpassen</source>
        <translation>adjust</translation>
    </message>
    <message>
        <source>beenden</source>
        <translation>end</translation>
    </message>
    <message>
        <source>Zahlungen</source>
        <translation>Payments</translation>
    </message>
    <message>
        <source>&lt;b&gt;Verwendungsnachweise&lt;/b&gt; – rot: überfällig</source>
        <translation>&lt;b&gt;Usage reports&lt;/b&gt; – red: overdue</translation>
    </message>
    <message>
        <source>&lt;b&gt;Jahresgespräche je Förderjahr&lt;/b&gt; – orange: fällig</source>
        <translation>&lt;b&gt;Review talks per funding year&lt;/b&gt; – orange: due</translation>
    </message>
    <message>
        <source>Widerruf</source>
        <translation>Revocation</translation>
    </message>
    <message>
        <source>Verwendungsnachweis</source>
        <translation>Proof of use</translation>
    </message>
    <message>
        <source>fällig</source>
        <translation>due</translation>
    </message>
    <message>
        <source>geführt</source>
        <translation>held</translation>
    </message>
    <message>
        <source>beendet</source>
        <translation>ended</translation>
    </message>
    <message>
        <source> – Jahresraten %1 entfallen</source>
        <translation> – yearly amounts %1 dropped</translation>
    </message>
    <message>
        <source>Alle Verwendungsnachweise sind schon angelegt.</source>
        <translation>All usage reports have already been created.</translation>
    </message>
</context>
<context>
    <name>AnswersReportDialog</name>
    <message>
        <source>Bericht: Antworten eingelesen</source>
        <translation>Report: answers imported</translation>
    </message>
    <message>
        <source>%1 Dateien gelesen: %2 Antworten übernommen oder geändert, %3 übersprungen. Nicht übernommene Antworten stehen mit ihrem Inhalt unten – es geht nichts verloren.</source>
        <translation>%1 files read: %2 answers taken or changed, %3 skipped. Answers not taken are listed below with their content – nothing is lost.</translation>
    </message>
    <message>
        <source>Datei</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Träger</source>
        <translation>Provider</translation>
    </message>
    <message>
        <source>neu</source>
        <translation>new</translation>
    </message>
    <message>
        <source>geändert</source>
        <translation>changed</translation>
    </message>
    <message>
        <source>übersprungen</source>
        <translation>skipped</translation>
    </message>
    <message>
        <source>Hinweise</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Eingelesene Dateien</source>
        <translation>Imported files</translation>
    </message>
    <message>
        <source>Übersprungene Antworten und Hinweise der Datei</source>
        <translation>Skipped answers and notes of the file</translation>
    </message>
    <message>
        <source>Bericht &amp;speichern …</source>
        <translation>&amp;Save report …</translation>
    </message>
    <message>
        <source>Einzelheiten der gewählten Datei:</source>
        <translation>Details of the chosen file:</translation>
    </message>
    <message>
        <source>Bericht speichern</source>
        <translation>Save report</translation>
    </message>
    <message>
        <source>CSV für Excel (*.csv)</source>
        <translation>CSV for Excel (*.csv)</translation>
    </message>
    <message>
        <source>Der Bericht konnte nicht gespeichert werden: %1</source>
        <translation>The report could not be saved: %1</translation>
    </message>
</context>
<context>
    <name>ApplicationsTab</name>
    <message>
        <source>Titel</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Träger</source>
        <translation>Provider</translation>
    </message>
    <message>
        <source>Handlungsfeld</source>
        <translation>Field of action</translation>
    </message>
    <message>
        <source>Beginn</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Jahre</source>
        <translation>Years</translation>
    </message>
    <message>
        <source>Die Laufzeit beträgt 1 bis 5 Jahre.</source>
        <translation>The duration is 1 to 5 years.</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Eingang</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Kurzbeschreibung</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>Auflagen</source>
        <translation>Conditions</translation>
    </message>
    <message>
        <source>Begründung</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Gesamtkosten (€)</source>
        <translation>Total costs (€)</translation>
    </message>
    <message>
        <source>Eigenanteil (€)</source>
        <translation>Own share (€)</translation>
    </message>
    <message>
        <source>weitere Förderung (€)</source>
        <translation>Other funding (€)</translation>
    </message>
    <message>
        <source>Anträge</source>
        <translation>Applications</translation>
    </message>
    <message>
        <source>Schlüssel</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Sozialraum</source>
        <translation>District</translation>
    </message>
    <message>
        <source>Anteil (%)</source>
        <translation>Share (%)</translation>
    </message>
    <message>
        <source>Sozialräume des Antrags mit Anteilen</source>
        <translation>Districts of the application with shares</translation>
    </message>
    <message>
        <source>Jahr</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>beantragt (€)</source>
        <translation>requested (€)</translation>
    </message>
    <message>
        <source>bewilligt (€)</source>
        <translation>awarded (€)</translation>
    </message>
    <message>
        <source>Beträge je Jahr</source>
        <translation>Amounts per year</translation>
    </message>
    <message>
        <source>Verbundpartner (weitere Träger)</source>
        <translation>Joint partners (further providers)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Sozialräume und Anteile&lt;/b&gt; (Anteile ergeben 100 %)</source>
        <translation>&lt;b&gt;Districts and shares&lt;/b&gt; (shares add up to 100 %)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Beträge je Jahr&lt;/b&gt;</source>
        <translation>&lt;b&gt;Amounts per year&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Verbundpartner&lt;/b&gt; (weitere Träger)</source>
        <translation>&lt;b&gt;Joint partners&lt;/b&gt; (further providers)</translation>
    </message>
    <message>
        <source>Neuer Antrag</source>
        <translation>New application</translation>
    </message>
    <message>
        <source>%1 (federführend)</source>
        <translation>%1 (lead)</translation>
    </message>
    <message>
        <source>Verbundpartner ändern</source>
        <translation>Change joint partners</translation>
    </message>
    <message>
        <source>Bewilligt oder abgelehnt wird ein Antrag nur durch einen festgehaltenen Beschluss (Rangliste &amp; Vergabe).</source>
        <translation>An application is awarded or rejected only by a recorded decision (Ranking &amp; allocation).</translation>
    </message>
    <message>
        <source>✔ Formal förderfähig.</source>
        <translation>✔ Formally eligible.</translation>
    </message>
    <message>
        <source>✘ Nicht förderfähig: </source>
        <translation>✘ Not eligible: </translation>
    </message>
    <message>
        <source>Der Anteil muss zwischen 0 und 100 % liegen.</source>
        <translation>The share must lie between 0 and 100 %.</translation>
    </message>
    <message>
        <source>Anteil ändern</source>
        <translation>Change share</translation>
    </message>
    <message>
        <source>„%1“ ist kein gültiger Betrag.</source>
        <translation>“%1” is not a valid amount.</translation>
    </message>
    <message>
        <source>Beantragten Betrag ändern</source>
        <translation>Change requested amount</translation>
    </message>
</context>
<context>
    <name>BackupsDialog</name>
    <message>
        <source>Frühere Fassungen</source>
        <translation>Earlier versions</translation>
    </message>
    <message>
        <source>Gesicherte Fassungen</source>
        <translation>Kept versions</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>Noch keine früheren Fassungen gesichert.</source>
        <translation>No earlier versions kept yet.</translation>
    </message>
    <message>
        <source>Als neue Datei &amp;wiederherstellen …</source>
        <translation>&amp;Restore as a new file …</translation>
    </message>
    <message>
        <source>Beim Speichern wird die vorherige Fassung aufbewahrt.</source>
        <translation>Saving keeps the previous version.</translation>
    </message>
    <message>
        <source>Fassung speichern unter</source>
        <translation>Save version as</translation>
    </message>
    <message>
        <source>k360desk-Projekt (*.k360)</source>
        <translation>k360desk project (*.k360)</translation>
    </message>
    <message>
        <source>Die Datei gibt es schon.</source>
        <translation>The file already exists.</translation>
    </message>
</context>
<context>
    <name>ChartView</name>
    <message>
        <source>Zweiter Indikator (y-Achse des Streudiagramms)</source>
        <translation>Second indicator (y axis of the scatter plot)</translation>
    </message>
    <message>
        <source>Diagramm</source>
        <translation>Chart</translation>
    </message>
    <message>
        <source>Diagrammart</source>
        <translation>Chart type</translation>
    </message>
    <message>
        <source>Zweiter Indikator</source>
        <translation>Second indicator</translation>
    </message>
    <message>
        <source>Zweiten Indikator suchen</source>
        <translation>Search second indicator</translation>
    </message>
    <message>
        <source>Diagramm:</source>
        <translation>Chart:</translation>
    </message>
    <message>
        <source>Balken (sortiert)</source>
        <translation>Bars (sorted)</translation>
    </message>
    <message>
        <source>Zeitreihe</source>
        <translation>Time series</translation>
    </message>
    <message>
        <source>Streudiagramm</source>
        <translation>Scatter plot</translation>
    </message>
    <message>
        <source>Status-Dynamik-Matrix</source>
        <translation>Status–dynamics matrix</translation>
    </message>
    <message>
        <source>Histogramm</source>
        <translation>Histogram</translation>
    </message>
    <message>
        <source>Diagramm: %1</source>
        <translation>Chart: %1</translation>
    </message>
</context>
<context>
    <name>ColumnFit</name>
    <message>
        <source>Spalten</source>
        <translation>Columns</translation>
    </message>
    <message>
        <source>Spalten ein- und ausblenden</source>
        <translation>Show or hide columns</translation>
    </message>
    <message>
        <source>%1 (aus Platzgründen ausgeblendet)</source>
        <translation>%1 (hidden for lack of room)</translation>
    </message>
    <message>
        <source>Spalten automatisch anpassen</source>
        <translation>Fit columns automatically</translation>
    </message>
    <message>
        <source>&amp;Spalten</source>
        <translation>&amp;Columns</translation>
    </message>
    <message>
        <source>Ausgeblendet: %1 – Rechtsklick auf die Kopfzeile zeigt sie</source>
        <translation>Hidden: %1 – right-click the header to show them</translation>
    </message>
</context>
<context>
    <name>CommentaryEditor</name>
    <message>
        <source>&lt;b&gt;Blickpunkt&lt;/b&gt; (Kommentar der Planung, erscheint im Quartiersprofil)</source>
        <translation>&lt;b&gt;Spotlight&lt;/b&gt; (the planners&apos; commentary, printed on the district profile)</translation>
    </message>
    <message>
        <source>Bezugsjahr des Blickpunkts</source>
        <translation>Reference year of the spotlight</translation>
    </message>
    <message>
        <source>&amp;Jahr:</source>
        <translation>&amp;Year:</translation>
    </message>
    <message>
        <source>Blickpunkt</source>
        <translation>Spotlight</translation>
    </message>
    <message>
        <source>Einige Absätze; Leerzeile trennt Absätze, „- “ beginnt einen Aufzählungspunkt, **fett**, *kursiv*.</source>
        <translation>A few paragraphs; a blank line separates paragraphs, “- ” starts a bullet point, **bold**, *italic*.</translation>
    </message>
    <message>
        <source>Fehlermeldung zum Blickpunkt</source>
        <translation>Spotlight error message</translation>
    </message>
</context>
<context>
    <name>CommitteesPage</name>
    <message>
        <source>Gremium</source>
        <translation>Committee</translation>
    </message>
    <message>
        <source>Art</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Bemerkungen</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Gremien</source>
        <translation>Committees</translation>
    </message>
    <message>
        <source>Neues Gremium</source>
        <translation>New committee</translation>
    </message>
    <message>
        <source>Datum</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Ort</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>Sitzungen</source>
        <translation>Meetings</translation>
    </message>
    <message>
        <source>TOP</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Titel</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Sitzung</source>
        <translation>Meeting</translation>
    </message>
    <message>
        <source>Förderrunde</source>
        <translation>Funding round</translation>
    </message>
    <message>
        <source>Vorlage</source>
        <translation>Paper</translation>
    </message>
    <message>
        <source>Beschluss</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <source>Tagesordnungspunkte</source>
        <translation>Agenda items</translation>
    </message>
    <message>
        <source>&amp;Bearbeiten</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>&amp;Verlauf</source>
        <translation>&amp;History</translation>
    </message>
    <message>
        <source>Legen Sie zuerst ein Gremium an.</source>
        <translation>Create a committee first.</translation>
    </message>
    <message>
        <source>Legen Sie zuerst eine Sitzung an.</source>
        <translation>Create a meeting first.</translation>
    </message>
    <message>
        <source>Neuer Punkt</source>
        <translation>New item</translation>
    </message>
</context>
<context>
    <name>CoveragePage</name>
    <message>
        <source>Einrichtungsart</source>
        <translation>Facility type</translation>
    </message>
    <message>
        <source>Zielindikator</source>
        <translation>Target indicator</translation>
    </message>
    <message>
        <source>Richtwert (Plätze je 1.000)</source>
        <translation>Guide value (places per 1,000)</translation>
    </message>
    <message>
        <source>Bezugsjahr</source>
        <translation>Reference year</translation>
    </message>
    <message>
        <source>&amp;Einrichtungsart:</source>
        <translation>&amp;Facility type:</translation>
    </message>
    <message>
        <source>&amp;Zielindikator:</source>
        <translation>&amp;Target indicator:</translation>
    </message>
    <message>
        <source>&amp;Richtwert (Plätze je 1.000):</source>
        <translation>&amp;Guide value (places per 1,000):</translation>
    </message>
    <message>
        <source>Bezugs&amp;jahr:</source>
        <translation>Reference &amp;year:</translation>
    </message>
    <message>
        <source>&amp;Berechnen</source>
        <translation>&amp;Compute</translation>
    </message>
    <message>
        <source>Versorgung berechnen (F5)</source>
        <translation>Compute coverage (F5)</translation>
    </message>
    <message>
        <source>E&amp;xportieren …</source>
        <translation>E&amp;xport …</translation>
    </message>
    <message>
        <source>Ergebnis der Versorgungsanalyse</source>
        <translation>Result of the coverage analysis</translation>
    </message>
    <message>
        <source>Karte der Versorgung</source>
        <translation>Map of the coverage</translation>
    </message>
    <message>
        <source>Bitte Einrichtungsart und Zielindikator wählen.</source>
        <translation>Please choose facility type and target indicator.</translation>
    </message>
    <message>
        <source>Gesamtstadt: %1 Plätze je 1.000 (Versorgung %2 %).</source>
        <translation>City: %1 places per 1,000 (coverage %2 %).</translation>
    </message>
    <message>
        <source>Versorgung exportieren</source>
        <translation>Export coverage</translation>
    </message>
    <message>
        <source>CSV für Excel (*.csv)</source>
        <translation>CSV for Excel (*.csv)</translation>
    </message>
    <message>
        <source>Exportiert: %1</source>
        <translation>Exported: %1</translation>
    </message>
</context>
<context>
    <name>CriteriaSection</name>
    <message>
        <source>Kriterienkatalog</source>
        <translation>Criteria catalogue</translation>
    </message>
    <message>
        <source>Bedarf der Sozialräume (Sozialindex)</source>
        <translation>Need of the districts (social index)</translation>
    </message>
    <message>
        <source>Neues Kriterium</source>
        <translation>New criterion</translation>
    </message>
    <message>
        <source>Kriterienkatalog eingefroren</source>
        <translation>Criteria catalogue frozen</translation>
    </message>
    <message>
        <source>Die Bewertung hat begonnen. Begründung für die Änderung (wird protokolliert):</source>
        <translation>Scoring has started. Reason for the change (will be logged):</translation>
    </message>
    <message>
        <source>Kein Projekt geöffnet.</source>
        <translation>No project open.</translation>
    </message>
    <message>
        <source>Ohne Begründung bleibt der Kriterienkatalog unverändert.</source>
        <translation>Without a reason the criteria catalogue stays unchanged.</translation>
    </message>
    <message>
        <source>Kriterien löschen</source>
        <translation>Delete criteria</translation>
    </message>
</context>
<context>
    <name>CriteriaTab</name>
    <message>
        <source>Kriterium</source>
        <translation>Criterion</translation>
    </message>
    <message>
        <source>Gewicht</source>
        <translation>Weight</translation>
    </message>
    <message>
        <source>Das Gewicht darf nicht negativ sein.</source>
        <translation>The weight must not be negative.</translation>
    </message>
    <message>
        <source>Skala von</source>
        <translation>Scale from</translation>
    </message>
    <message>
        <source>Skala bis</source>
        <translation>Scale to</translation>
    </message>
    <message>
        <source>aus Daten</source>
        <translation>from data</translation>
    </message>
    <message>
        <source>Leer = Bewertung durch Personen; „Bedarf“ = gewichteter Bedarf der Sozialräume des Antrags</source>
        <translation>Empty = scored by people; “Need” = weighted need of the application’s districts</translation>
    </message>
    <message>
        <source>Reihenfolge</source>
        <translation>Order</translation>
    </message>
    <message>
        <source>Beschreibung</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Runde, aus der übernommen wird</source>
        <translation>Round to copy from</translation>
    </message>
    <message>
        <source>Katalog übernehmen</source>
        <translation>Copy catalogue</translation>
    </message>
    <message>
        <source>Sozialindex-Lauf für den Bedarf</source>
        <translation>Social index run for the need</translation>
    </message>
    <message>
        <source>Lauf festlegen</source>
        <translation>Set run</translation>
    </message>
    <message>
        <source>Aus diesem Lauf des Sozialindex kommen die Bedarfswerte der Runde. Mit Beginn der Bewertung wird der neueste Lauf festgelegt; danach nur mit Begründung änderbar.</source>
        <translation>The round&apos;s need values come from this run of the social index. When scoring starts the latest run is fixed; after that it can only be changed with a reason.</translation>
    </message>
    <message>
        <source>Kriterienkatalog übernehmen aus:</source>
        <translation>Copy criteria catalogue from:</translation>
    </message>
    <message>
        <source>Bedarf aus Sozialindex-Lauf:</source>
        <translation>Need from social index run:</translation>
    </message>
    <message>
        <source>Der Kriterienkatalog ist eingefroren, weil die Bewertung begonnen hat. Änderungen sind nur mit Begründung möglich und werden protokolliert.</source>
        <translation>The criteria catalogue is frozen because scoring has started. Changes need a reason and are logged.</translation>
    </message>
    <message>
        <source>noch nicht festgelegt (neuester Lauf gilt)</source>
        <translation>not fixed yet (the latest run applies)</translation>
    </message>
    <message>
        <source>Summe der Gewichte: %1. Die Gesamtpunktzahl ist die gewichtete Summe, umgerechnet auf 0–100.</source>
        <translation>Sum of weights: %1. The total score is the weighted sum, scaled to 0–100.</translation>
    </message>
    <message>
        <source>Kriterienkatalog eingefroren</source>
        <translation>Criteria catalogue frozen</translation>
    </message>
    <message>
        <source>Begründung für die Übernahme:</source>
        <translation>Reason for copying:</translation>
    </message>
    <message>
        <source>Begründung für den anderen Sozialindex-Lauf:</source>
        <translation>Reason for the other social index run:</translation>
    </message>
</context>
<context>
    <name>DistrictCellsModel</name>
    <message>
        <source>Schlüssel</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Sozialraum</source>
        <translation>District</translation>
    </message>
    <message>
        <source>Zellen</source>
        <translation>Cells</translation>
    </message>
    <message>
        <source>Ebene</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>angeschnitten</source>
        <translation>Cut</translation>
    </message>
    <message>
        <source>Einwohner darin</source>
        <translation>Residents in them</translation>
    </message>
    <message>
        <source>geheim gehalten</source>
        <translation>Withheld</translation>
    </message>
    <message>
        <source>Fläche geheim</source>
        <translation>Area withheld</translation>
    </message>
</context>
<context>
    <name>DistrictsPage</name>
    <message>
        <source>Ebene</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>Rang</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>0 = oberste Ebene, größere Zahlen = feinere Ebenen</source>
        <translation>0 = top level, larger numbers = finer levels</translation>
    </message>
    <message>
        <source>Bemerkungen</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Ebenen</source>
        <translation>Levels</translation>
    </message>
    <message>
        <source>Neue Ebene</source>
        <translation>New level</translation>
    </message>
    <message>
        <source>Noch keine Ebenen (z. B. Stadtteil, Quartier). Der Import der Sozialräume legt sie an, oder mit „Neu“.</source>
        <translation>No levels yet (e.g. borough, neighbourhood). Importing districts creates them, or use “New”.</translation>
    </message>
    <message>
        <source>Schlüssel</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Amtlicher Schlüssel des Sozialraums (eindeutig)</source>
        <translation>Official code of the district (unique)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Übergeordnet</source>
        <translation>Parent</translation>
    </message>
    <message>
        <source>Der Sozialraum der nächsthöheren Ebene</source>
        <translation>The district one level up</translation>
    </message>
    <message>
        <source>Sozialräume</source>
        <translation>Districts</translation>
    </message>
    <message>
        <source>Noch keine Sozialräume.
Grenzen einlesen mit Datei ▸ Importieren ▸ Sozialräume … oder einzeln mit „Neu“ anlegen.</source>
        <translation>No districts yet.
Read boundaries with File ▸ Import ▸ Districts … or add them one by one with “New”.</translation>
    </message>
    <message>
        <source>Ein Sozialraum kann nicht in sich selbst oder in einem seiner Teilräume liegen.</source>
        <translation>A district cannot lie within itself or within one of its sub-districts.</translation>
    </message>
</context>
<context>
    <name>DocumentController</name>
    <message>
        <source>k360desk-Projekte (*.k360);;Alle Dateien (*)</source>
        <translation>k360desk projects (*.k360);;All files (*)</translation>
    </message>
    <message>
        <source>Projekt öffnen</source>
        <translation>Open project</translation>
    </message>
    <message>
        <source>Projekt speichern unter</source>
        <translation>Save project as</translation>
    </message>
    <message>
        <source>Änderungen speichern?</source>
        <translation>Save changes?</translation>
    </message>
    <message>
        <source>Möchten Sie die Änderungen an „%1“ speichern?</source>
        <translation>Do you want to save the changes to “%1”?</translation>
    </message>
    <message>
        <source>Ohne Speichern gehen die Änderungen verloren.</source>
        <translation>Your changes will be lost if you don&apos;t save them.</translation>
    </message>
    <message>
        <source>&amp;Speichern</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>&amp;Nicht speichern</source>
        <translation>Do&amp;n&apos;t save</translation>
    </message>
    <message>
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Datei wurde geändert</source>
        <translation>File was changed</translation>
    </message>
    <message>
        <source>„%1“ wurde seit dem Öffnen außerhalb von k360desk geändert (z. B. in QGIS oder von einer Kollegin).</source>
        <translation>“%1” was changed outside k360desk since it was opened (e.g. in QGIS or by a colleague).</translation>
    </message>
    <message>
        <source>Beim Überschreiben gehen diese Änderungen verloren (eine Sicherung der bisherigen Fassung wird aufbewahrt).</source>
        <translation>Overwriting loses those changes (a backup of the previous version is kept).</translation>
    </message>
    <message>
        <source>Speichern &amp;unter …</source>
        <translation>Save &amp;As …</translation>
    </message>
    <message>
        <source>Ü&amp;berschreiben</source>
        <translation>&amp;Overwrite</translation>
    </message>
    <message>
        <source>Ungesicherte Arbeit gefunden</source>
        <translation>Unsaved work found</translation>
    </message>
    <message>
        <source>k360desk wurde beim letzten Mal nicht regulär beendet. Es gibt ungesicherte Änderungen an „%1“ (geöffnet am %2).</source>
        <translation>k360desk did not end normally last time. There are unsaved changes to “%1” (opened on %2).</translation>
    </message>
    <message>
        <source>Möchten Sie diese Arbeit wiederherstellen?</source>
        <translation>Do you want to recover this work?</translation>
    </message>
    <message>
        <source>&amp;Wiederherstellen</source>
        <translation>&amp;Recover</translation>
    </message>
    <message>
        <source>&amp;Verwerfen</source>
        <translation>&amp;Discard</translation>
    </message>
    <message>
        <source>&amp;Später</source>
        <translation>&amp;Later</translation>
    </message>
    <message>
        <source>Neues Projekt</source>
        <translation>New project</translation>
    </message>
    <message>
        <source>„%1“ ist bereits geöffnet.</source>
        <translation>“%1” is already open.</translation>
    </message>
    <message>
        <source>Die Datei „%1“ gibt es nicht (mehr).</source>
        <translation>The file “%1” does not exist (any more).</translation>
    </message>
    <message>
        <source>Hinweis zu „%1“</source>
        <translation>Note on “%1”</translation>
    </message>
    <message>
        <source>Fassung vom %1</source>
        <translation>Version of %1</translation>
    </message>
    <message>
        <source>Beschädigte Datei</source>
        <translation>Damaged file</translation>
    </message>
    <message>
        <source>Eine gesicherte Fassung als neue Datei öffnen:</source>
        <translation>Open a kept version as a new file:</translation>
    </message>
    <message>
        <source>Demo öffnen</source>
        <translation>Open demo</translation>
    </message>
    <message>
        <source>Speichern</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Speichern unter</source>
        <translation>Save as</translation>
    </message>
    <message>
        <source>Wiederherstellen</source>
        <translation>Recover</translation>
    </message>
    <message>
        <source>Die Datei ist nicht zugänglich: %1</source>
        <translation>The file is not accessible: %1</translation>
    </message>
</context>
<context>
    <name>FrameModel</name>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Einwohner</source>
        <translation>Population</translation>
    </message>
    <message>
        <source>Statusindex</source>
        <translation>Status index</translation>
    </message>
    <message>
        <source>Statusklasse</source>
        <translation>Status class</translation>
    </message>
    <message>
        <source>Dynamikindex</source>
        <translation>Dynamics index</translation>
    </message>
    <message>
        <source>Dynamikklasse</source>
        <translation>Dynamics class</translation>
    </message>
    <message>
        <source>Status/Dynamik</source>
        <translation>Status/dynamics</translation>
    </message>
    <message>
        <source>Aufmerksamkeitsbedarf</source>
        <translation>Needs attention</translation>
    </message>
    <message>
        <source>Bedarfswert</source>
        <translation>Need score</translation>
    </message>
    <message>
        <source>im Index</source>
        <translation>in index</translation>
    </message>
    <message>
        <source>Grund</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Status A</source>
        <translation>Status A</translation>
    </message>
    <message>
        <source>Status B</source>
        <translation>Status B</translation>
    </message>
    <message>
        <source>Dynamik A</source>
        <translation>Dynamics A</translation>
    </message>
    <message>
        <source>Dynamik B</source>
        <translation>Dynamics B</translation>
    </message>
    <message>
        <source>Warum</source>
        <translation>Why</translation>
    </message>
    <message>
        <source>Einrichtungen</source>
        <translation>Facilities</translation>
    </message>
    <message>
        <source>Plätze</source>
        <translation>Places</translation>
    </message>
    <message>
        <source>Zielbevölkerung</source>
        <translation>Target population</translation>
    </message>
    <message>
        <source>Plätze je 1.000</source>
        <translation>Places per 1,000</translation>
    </message>
    <message>
        <source>Richtwert</source>
        <translation>Guide value</translation>
    </message>
    <message>
        <source>Versorgung %</source>
        <translation>Coverage %</translation>
    </message>
    <message>
        <source>Fehlende Plätze</source>
        <translation>Missing places</translation>
    </message>
    <message>
        <source>keine Einrichtung</source>
        <translation>no facility</translation>
    </message>
    <message>
        <source>ja</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>nein</source>
        <translation>no</translation>
    </message>
    <message>
        <source>z Veränderung </source>
        <translation>z change </translation>
    </message>
    <message>
        <source>z </source>
        <translation>z </translation>
    </message>
</context>
<context>
    <name>GoalsEditor</name>
    <message>
        <source>Indikator</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>Sozialraum (leer = Gesamtstadt)</source>
        <translation>District (empty = whole city)</translation>
    </message>
    <message>
        <source>Zieljahr</source>
        <translation>Target year</translation>
    </message>
    <message>
        <source>Zielwert</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>Ausgangswert</source>
        <translation>Baseline</translation>
    </message>
    <message>
        <source>Aktuell</source>
        <translation>Latest</translation>
    </message>
    <message>
        <source>Fortschritt %</source>
        <translation>Progress %</translation>
    </message>
    <message>
        <source>Anteil des Wegs vom ersten Wert zum Zielwert</source>
        <translation>Share of the way from the first value to the target</translation>
    </message>
    <message>
        <source>Stand</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Bemerkungen</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Zielwerte (Wirkungsziele)</source>
        <translation>Goals (target values)</translation>
    </message>
    <message>
        <source>Fortschritt: vom ersten vorliegenden Wert zum Zielwert. „Auf Kurs“ heißt: mindestens so weit wie bei gleichmäßigem Verlauf bis zum Zieljahr zu erwarten. Geheim gehaltene Werte zählen nicht.</source>
        <translation>Progress: from the first available value to the target. &quot;On track&quot; means at least as far as a steady course to the target year would be. Withheld values do not count.</translation>
    </message>
    <message>
        <source>Legen Sie zuerst Indikatoren an.</source>
        <translation>Create indicators first.</translation>
    </message>
</context>
<context>
    <name>GridImportDialog</name>
    <message>
        <source>Zensus-Gitterzellen importieren</source>
        <translation>Import census grid cells</translation>
    </message>
    <message>
        <source>&amp;Bericht</source>
        <translation>&amp;Report</translation>
    </message>
    <message>
        <source>Zellen je Sozialraum</source>
        <translation>Cells per district</translation>
    </message>
    <message>
        <source>&amp;Je Sozialraum</source>
        <translation>Per &amp;district</translation>
    </message>
    <message>
        <source>&amp;Gitterkarte</source>
        <translation>&amp;Grid map</translation>
    </message>
    <message>
        <source>&amp;Importieren</source>
        <translation>&amp;Import</translation>
    </message>
    <message>
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>CSV oder ZIP der Statistischen Ämter</source>
        <translation>CSV or ZIP from the statistical offices</translation>
    </message>
    <message>
        <source>&amp;Durchsuchen…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <source>Datei:</source>
        <translation>File:</translation>
    </message>
    <message>
        <source>Wertespalten</source>
        <translation>Value columns</translation>
    </message>
    <message>
        <source>&amp;Wertespalten:</source>
        <translation>&amp;Value columns:</translation>
    </message>
    <message>
        <source>&amp;Ebene:</source>
        <translation>&amp;Level:</translation>
    </message>
    <message>
        <source>nach &amp;Zellmittelpunkt (Regel der Statistischen Ämter)</source>
        <translation>by cell &amp;centre (rule of the statistical offices)</translation>
    </message>
    <message>
        <source>nach &amp;Flächenanteil (angeschnittene Zellen geteilt)</source>
        <translation>by &amp;area share (cut cells are split)</translation>
    </message>
    <message>
        <source>Zuordnung:</source>
        <translation>Assignment:</translation>
    </message>
    <message>
        <source>&amp;Jahr:</source>
        <translation>&amp;Year:</translation>
    </message>
    <message>
        <source>z. B. 89.504 (optional)</source>
        <translation>e.g. 89,504 (optional)</translation>
    </message>
    <message>
        <source>Gesamtzahl der &amp;Gemeinde zum Vergleich:</source>
        <translation>&amp;Municipality total for comparison:</translation>
    </message>
    <message>
        <source>alle Ebenen mit Grenzen</source>
        <translation>all levels with boundaries</translation>
    </message>
    <message>
        <source>Gitterzellen (*.csv *.txt *.zip)</source>
        <translation>Grid cells (*.csv *.txt *.zip)</translation>
    </message>
    <message>
        <source>Anteil oder Durchschnitt je Zelle – lässt sich nicht aufsummieren</source>
        <translation>Share or mean per cell – cannot be added up</translation>
    </message>
    <message>
        <source>Die Gesamtzahl „%1“ ist keine Zahl.</source>
        <translation>The total “%1” is not a number.</translation>
    </message>
    <message>
        <source>Import: %1</source>
        <translation>Import: %1</translation>
    </message>
    <message>
        <source>Schließen</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>%1 je Gitterzelle</source>
        <translation>%1 per grid cell</translation>
    </message>
    <message>
        <source>Gitterkarte: %1 je Zelle mit den Grenzen der Sozialräume</source>
        <translation>Grid map: %1 per cell with the district boundaries</translation>
    </message>
    <message>
        <source>Der Import ist fehlgeschlagen (%1). Das Projekt ist unverändert.</source>
        <translation>The import failed (%1). The project is unchanged.</translation>
    </message>
    <message>
        <source>Import abgebrochen – das Projekt ist unverändert.</source>
        <translation>Import cancelled – the project is unchanged.</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>Hilfe – k360desk</source>
        <translation>Help – k360desk</translation>
    </message>
    <message>
        <source>Hilfetext</source>
        <translation>Help text</translation>
    </message>
    <message>
        <source>Schließen</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Sozialräume (Grenzen) importieren</source>
        <translation>Import districts (boundaries)</translation>
    </message>
    <message>
        <source>Indikatorwerte importieren</source>
        <translation>Import indicator values</translation>
    </message>
    <message>
        <source>Einrichtungen importieren</source>
        <translation>Import facilities</translation>
    </message>
    <message>
        <source>Geodaten oder Listen (*.geojson *.json *.zip *.shp *.gpkg *.csv *.txt *.xlsx)</source>
        <translation>Geodata or lists (*.geojson *.json *.zip *.shp *.gpkg *.csv *.txt *.xlsx)</translation>
    </message>
    <message>
        <source>Tabellen (*.csv *.txt *.tsv *.xlsx *.xlsm)</source>
        <translation>Tables (*.csv *.txt *.tsv *.xlsx *.xlsm)</translation>
    </message>
    <message>
        <source>Tabellen und Geodaten (*.csv *.txt *.xlsx *.geojson *.json *.zip *.shp *.gpkg)</source>
        <translation>Tables and geodata (*.csv *.txt *.xlsx *.geojson *.json *.zip *.shp *.gpkg)</translation>
    </message>
    <message>
        <source>Schlüssel</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Oberbezirk</source>
        <translation>Parent district</translation>
    </message>
    <message>
        <source>Sozialraum</source>
        <translation>District</translation>
    </message>
    <message>
        <source>Indikator (Langform)</source>
        <translation>Indicator (long format)</translation>
    </message>
    <message>
        <source>Jahr / Stichtag</source>
        <translation>Year / reference date</translation>
    </message>
    <message>
        <source>Wert (Langform)</source>
        <translation>Value (long format)</translation>
    </message>
    <message>
        <source>Träger</source>
        <translation>Providers</translation>
    </message>
    <message>
        <source>Einrichtungsart</source>
        <translation>Facility type</translation>
    </message>
    <message>
        <source>Straße</source>
        <translation>Street</translation>
    </message>
    <message>
        <source>PLZ</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <source>Ort</source>
        <translation>Town</translation>
    </message>
    <message>
        <source>Platzzahl</source>
        <translation>Capacity</translation>
    </message>
    <message>
        <source>x / Längengrad</source>
        <translation>x / longitude</translation>
    </message>
    <message>
        <source>y / Breitengrad</source>
        <translation>y / latitude</translation>
    </message>
    <message>
        <source>aus der Datei / erkennen</source>
        <translation>from the file / detect</translation>
    </message>
    <message>
        <source>Importieren</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Bitte eine Datei auswählen</source>
        <translation>Please choose a file</translation>
    </message>
    <message>
        <source>Durchsuchen…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>Datei:</source>
        <translation>File:</translation>
    </message>
    <message>
        <source>Einlesen</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>erkennen</source>
        <translation>detect</translation>
    </message>
    <message>
        <source>UTF-8 mit BOM</source>
        <translation>UTF-8 with BOM</translation>
    </message>
    <message>
        <source>Windows-1252 (ANSI)</source>
        <translation>Windows-1252 (ANSI)</translation>
    </message>
    <message>
        <source>Semikolon ;</source>
        <translation>Semicolon ;</translation>
    </message>
    <message>
        <source>Komma ,</source>
        <translation>Comma ,</translation>
    </message>
    <message>
        <source>Tabulator</source>
        <translation>Tab</translation>
    </message>
    <message>
        <source>Komma (1.234,5)</source>
        <translation>Comma (1.234,5)</translation>
    </message>
    <message>
        <source>Punkt (1234.5)</source>
        <translation>Point (1234.5)</translation>
    </message>
    <message>
        <source>unbekannte Indikatoren aus der Kopfzeile anlegen</source>
        <translation>create unknown indicators from the header row</translation>
    </message>
    <message>
        <source>aus der Datei</source>
        <translation>from the file</translation>
    </message>
    <message>
        <source>Fester Indikator</source>
        <translation>Fixed indicator</translation>
    </message>
    <message>
        <source>Zeichenkodierung:</source>
        <translation>Encoding:</translation>
    </message>
    <message>
        <source>Trennzeichen:</source>
        <translation>Separator:</translation>
    </message>
    <message>
        <source>Dezimalzeichen:</source>
        <translation>Decimal mark:</translation>
    </message>
    <message>
        <source>Koordinatensystem:</source>
        <translation>Coordinate system:</translation>
    </message>
    <message>
        <source>Ebene / Tabellenblatt:</source>
        <translation>Layer / sheet:</translation>
    </message>
    <message>
        <source>Sozialraum-Ebene:</source>
        <translation>District level:</translation>
    </message>
    <message>
        <source>Festes Jahr:</source>
        <translation>Fixed year:</translation>
    </message>
    <message>
        <source>Fester Indikator:</source>
        <translation>Fixed indicator:</translation>
    </message>
    <message>
        <source>Indikator suchen:</source>
        <translation>Search indicator:</translation>
    </message>
    <message>
        <source>Zuordnung der Spalten</source>
        <translation>Column mapping</translation>
    </message>
    <message>
        <source>Vorschau der ersten Zeilen:</source>
        <translation>Preview of the first rows:</translation>
    </message>
    <message>
        <source>Erkannt: </source>
        <translation>Detected: </translation>
    </message>
    <message>
        <source>erstes Blatt mit Daten</source>
        <translation>first sheet with data</translation>
    </message>
    <message>
        <source>(keine)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>Import: %1</source>
        <translation>Import: %1</translation>
    </message>
    <message>
        <source>Schließen</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Der Import ist fehlgeschlagen (%1). Das Projekt ist unverändert.</source>
        <translation>The import failed (%1). The project is unchanged.</translation>
    </message>
    <message>
        <source>Import abgebrochen – das Projekt ist unverändert.</source>
        <translation>Import cancelled – the project is unchanged.</translation>
    </message>
</context>
<context>
    <name>IndexPage</name>
    <message>
        <source>Definition</source>
        <translation>Definition</translation>
    </message>
    <message>
        <source>Bezugsjahr</source>
        <translation>Reference year</translation>
    </message>
    <message>
        <source>&amp;Definition:</source>
        <translation>&amp;Definition:</translation>
    </message>
    <message>
        <source>Bezugs&amp;jahr:</source>
        <translation>Reference &amp;year:</translation>
    </message>
    <message>
        <source>Indikatoren</source>
        <translation>Indicators</translation>
    </message>
    <message>
        <source>Statusindikatoren</source>
        <translation>Status indicators</translation>
    </message>
    <message>
        <source>Dynamikindikatoren</source>
        <translation>Dynamics indicators</translation>
    </message>
    <message>
        <source>Statusindikator suchen</source>
        <translation>Search status indicator</translation>
    </message>
    <message>
        <source>Dynamikindikator suchen</source>
        <translation>Search dynamics indicator</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Dynamik:</source>
        <translation>Dynamics:</translation>
    </message>
    <message>
        <source>Verfahren</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>Dynamik</source>
        <translation>Dynamics</translation>
    </message>
    <message>
        <source>Veränderung berechnen</source>
        <translation>compute the change</translation>
    </message>
    <message>
        <source>gelieferte Veränderungen</source>
        <translation>supplied changes</translation>
    </message>
    <message>
        <source>Einwohnerzahl</source>
        <translation>Population</translation>
    </message>
    <message>
        <source>Standardabweichung</source>
        <translation>Standard deviation</translation>
    </message>
    <message>
        <source>über alle Sozialräume (÷ n)</source>
        <translation>over all districts (÷ n)</translation>
    </message>
    <message>
        <source>Stichprobe (÷ n−1)</source>
        <translation>sample (÷ n−1)</translation>
    </message>
    <message>
        <source>Mindesteinwohnerzahl</source>
        <translation>Minimum population</translation>
    </message>
    <message>
        <source>Stichtag der Mindesteinwohnerzahl</source>
        <translation>Date of the minimum population</translation>
    </message>
    <message>
        <source>nur Bezugsjahr</source>
        <translation>reference year only</translation>
    </message>
    <message>
        <source>auch Beginn des Zeitraums</source>
        <translation>also start of the span</translation>
    </message>
    <message>
        <source>Zeitraum der Dynamik (Jahre)</source>
        <translation>Span of the dynamics (years)</translation>
    </message>
    <message>
        <source>D&amp;ynamik:</source>
        <translation>D&amp;ynamics:</translation>
    </message>
    <message>
        <source>&amp;Einwohnerzahl:</source>
        <translation>&amp;Population:</translation>
    </message>
    <message>
        <source>Standard&amp;abweichung:</source>
        <translation>Standard &amp;deviation:</translation>
    </message>
    <message>
        <source>&amp;Mindesteinwohnerzahl:</source>
        <translation>&amp;Minimum population:</translation>
    </message>
    <message>
        <source>S&amp;tichtag:</source>
        <translation>D&amp;ate:</translation>
    </message>
    <message>
        <source>&amp;Zeitraum (Jahre):</source>
        <translation>&amp;Span (years):</translation>
    </message>
    <message>
        <source>Schwellen der Statusklassen</source>
        <translation>Cut-offs of the status classes</translation>
    </message>
    <message>
        <source>z-Werte, mit Semikolon getrennt, z. B. -1; 1; 1,5</source>
        <translation>z-values separated by semicolons, e.g. -1; 1; 1,5</translation>
    </message>
    <message>
        <source>Schwellen der Dynamikklassen</source>
        <translation>Cut-offs of the dynamics classes</translation>
    </message>
    <message>
        <source>Ausgeschlossene Sozialräume</source>
        <translation>Excluded districts</translation>
    </message>
    <message>
        <source>Schlüssel, mit Komma getrennt, optional mit Grund: 22=Sondergebiet, 13</source>
        <translation>Codes separated by commas, optionally with a reason: 22=special area, 13</translation>
    </message>
    <message>
        <source>Schwellen Stat&amp;us:</source>
        <translation>Stat&amp;us cut-offs:</translation>
    </message>
    <message>
        <source>Schwellen Dy&amp;namik:</source>
        <translation>Dy&amp;namics cut-offs:</translation>
    </message>
    <message>
        <source>Aus&amp;geschlossen:</source>
        <translation>Exclu&amp;ded:</translation>
    </message>
    <message>
        <source>&amp;Berechnen</source>
        <translation>&amp;Compute</translation>
    </message>
    <message>
        <source>Sozialindex berechnen (F5)</source>
        <translation>Compute the social index (F5)</translation>
    </message>
    <message>
        <source>Name des Laufs</source>
        <translation>Name of the run</translation>
    </message>
    <message>
        <source>Lauf &amp;speichern</source>
        <translation>&amp;Store run</translation>
    </message>
    <message>
        <source>Als Definition speichern</source>
        <translation>Save as definition</translation>
    </message>
    <message>
        <source>Ergebnis des Sozialindex</source>
        <translation>Result of the social index</translation>
    </message>
    <message>
        <source>Ergebnis</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Lauf A</source>
        <translation>Run A</translation>
    </message>
    <message>
        <source>Lauf B</source>
        <translation>Run B</translation>
    </message>
    <message>
        <source>&amp;Vergleichen</source>
        <translation>Com&amp;pare</translation>
    </message>
    <message>
        <source>Lauf A:</source>
        <translation>Run A:</translation>
    </message>
    <message>
        <source>Lauf B:</source>
        <translation>Run B:</translation>
    </message>
    <message>
        <source>Vergleich zweier Läufe</source>
        <translation>Comparison of two runs</translation>
    </message>
    <message>
        <source>Läufe vergleichen</source>
        <translation>Compare runs</translation>
    </message>
    <message>
        <source>%1 (Voreinstellung)</source>
        <translation>%1 (preset)</translation>
    </message>
    <message>
        <source>(keine)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>Die Schwellen der Statusklassen sind keine Zahlen (Beispiel: -1; 1; 1,5).</source>
        <translation>The cut-offs of the status classes are not numbers (example: -1; 1; 1,5).</translation>
    </message>
    <message>
        <source>Die Schwellen der Dynamikklassen sind keine Zahlen (Beispiel: -1; 1).</source>
        <translation>The cut-offs of the dynamics classes are not numbers (example: -1; 1).</translation>
    </message>
    <message>
        <source>Diese Sozialräume gibt es nicht: %1.</source>
        <translation>These districts do not exist: %1.</translation>
    </message>
    <message>
        <source>Wird berechnet …</source>
        <translation>Computing …</translation>
    </message>
    <message>
        <source>Sozialindex wird berechnet …</source>
        <translation>Computing the social index …</translation>
    </message>
    <message>
        <source>%1, %2: %3 von %4 Sozialräumen im Index.</source>
        <translation>%1, %2: %3 of %4 districts in the index.</translation>
    </message>
    <message>
        <source>Einen Lauf „%1“ gibt es schon; bitte einen anderen Namen eingeben.</source>
        <translation>A run “%1” already exists; please enter another name.</translation>
    </message>
    <message>
        <source>Indexlauf „%1“ speichern</source>
        <translation>Store index run “%1”</translation>
    </message>
    <message>
        <source>Lauf „%1“ gespeichert.</source>
        <translation>Run “%1” stored.</translation>
    </message>
    <message>
        <source>Bitte im Feld „Name“ einen eigenen Namen für die Definition eingeben (die Voreinstellung ist schreibgeschützt).</source>
        <translation>Please type a name of your own for the definition in the “Name” field (the preset is read-only).</translation>
    </message>
    <message>
        <source>Definition „%1“ speichern</source>
        <translation>Save definition “%1”</translation>
    </message>
    <message>
        <source>Definition „%1“ gespeichert.</source>
        <translation>Definition “%1” saved.</translation>
    </message>
    <message>
        <source>Es sind noch keine zwei Läufe gespeichert.</source>
        <translation>There are not yet two stored runs.</translation>
    </message>
    <message>
        <source>Andere Statusklasse: %1, andere Dynamikklasse: %2.</source>
        <translation>Other status class: %1, other dynamics class: %2.</translation>
    </message>
</context>
<context>
    <name>IndicatorSearch</name>
    <message>
        <source>Suchen: Name, Einheit, Quelle …</source>
        <translation>Search: name, unit, source …</translation>
    </message>
    <message>
        <source>Indikator suchen</source>
        <translation>Search indicator</translation>
    </message>
    <message>
        <source>Teil von Name, Einheit oder Quelle eingeben, mit Pfeiltasten wählen, Eingabetaste übernimmt</source>
        <translation>Type part of the name, unit or source, choose with the arrow keys, Enter takes it</translation>
    </message>
</context>
<context>
    <name>IndicatorsPage</name>
    <message>
        <source>Der Schlüssel besteht aus Kleinbuchstaben, Ziffern und _ und beginnt mit einem Buchstaben (z. B. alo_quote).</source>
        <translation>The key consists of lower-case letters, digits and _ and starts with a letter (e.g. alo_quote).</translation>
    </message>
    <message>
        <source>Nachkommastellen: 0 bis 6.</source>
        <translation>Decimals: 0 to 6.</translation>
    </message>
    <message>
        <source>Der Faktor muss größer als 0 sein (z. B. 100 für Prozent).</source>
        <translation>The factor must be greater than 0 (e.g. 100 for per cent).</translation>
    </message>
    <message>
        <source>Handlungsfeld</source>
        <translation>Field of action</translation>
    </message>
    <message>
        <source>Reihenfolge</source>
        <translation>Order</translation>
    </message>
    <message>
        <source>Beschreibung</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Handlungsfelder</source>
        <translation>Fields of action</translation>
    </message>
    <message>
        <source>Neues Handlungsfeld</source>
        <translation>New field of action</translation>
    </message>
    <message>
        <source>Anzahl</source>
        <translation>Count</translation>
    </message>
    <message>
        <source>Anteil</source>
        <translation>Share</translation>
    </message>
    <message>
        <source>Quote/Rate</source>
        <translation>Rate</translation>
    </message>
    <message>
        <source>Mittelwert</source>
        <translation>Mean</translation>
    </message>
    <message>
        <source>höher = mehr Bedarf</source>
        <translation>higher = more need</translation>
    </message>
    <message>
        <source>höher = weniger Bedarf</source>
        <translation>higher = less need</translation>
    </message>
    <message>
        <source>neutral</source>
        <translation>neutral</translation>
    </message>
    <message>
        <source>Schlüssel</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Kurzname für Formeln und Exporte, z. B. alo_quote</source>
        <translation>Short name for formulas and exports, e.g. alo_quote</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Einheit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Art</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Richtung</source>
        <translation>Direction</translation>
    </message>
    <message>
        <source>Bedeutet ein höherer Wert mehr oder weniger Bedarf?</source>
        <translation>Does a higher value mean more or less need?</translation>
    </message>
    <message>
        <source>Zähler</source>
        <translation>Numerator</translation>
    </message>
    <message>
        <source>Für berechnete Indikatoren: der Zähler</source>
        <translation>For derived indicators: the numerator</translation>
    </message>
    <message>
        <source>Nenner</source>
        <translation>Denominator</translation>
    </message>
    <message>
        <source>Für berechnete Indikatoren: der Nenner</source>
        <translation>For derived indicators: the denominator</translation>
    </message>
    <message>
        <source>Faktor</source>
        <translation>Factor</translation>
    </message>
    <message>
        <source>100 = Prozent, 1000 = Promille</source>
        <translation>100 = per cent, 1000 = per mille</translation>
    </message>
    <message>
        <source>Nachkommastellen</source>
        <translation>Decimals</translation>
    </message>
    <message>
        <source>Geheimhaltung</source>
        <translation>Disclosure control</translation>
    </message>
    <message>
        <source>Kleine Fallzahlen dieses Indikators werden unterdrückt</source>
        <translation>Small counts of this indicator are suppressed</translation>
    </message>
    <message>
        <source>Quelle</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Indikatoren</source>
        <translation>Indicators</translation>
    </message>
    <message>
        <source>Noch keine Indikatoren.
Werte einlesen mit Datei ▸ Importieren ▸ Indikatorwerte … (legt die Indikatoren an) oder mit „Neu“.</source>
        <translation>No indicators yet.
Read values with File ▸ Import ▸ Indicator values … (creates the indicators) or use “New”.</translation>
    </message>
    <message>
        <source>&amp;Definitionen</source>
        <translation>&amp;Definitions</translation>
    </message>
    <message>
        <source>&amp;Werte</source>
        <translation>&amp;Values</translation>
    </message>
    <message>
        <source>Indikatoren: Definitionen und Werte</source>
        <translation>Indicators: definitions and values</translation>
    </message>
</context>
<context>
    <name>LinkEditor</name>
    <message>
        <source>Zeile hinzufügen</source>
        <translation>Add row</translation>
    </message>
    <message>
        <source>%1: Zeile hinzufügen</source>
        <translation>%1: add row</translation>
    </message>
    <message>
        <source>Zeile entfernen</source>
        <translation>Remove row</translation>
    </message>
    <message>
        <source>%1: Zeile entfernen</source>
        <translation>%1: remove row</translation>
    </message>
    <message>
        <source>Kein Datensatz ausgewählt.</source>
        <translation>No record selected.</translation>
    </message>
    <message>
        <source>Zeile ändern</source>
        <translation>Change row</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Navigation</source>
        <translation>Navigation</translation>
    </message>
    <message>
        <source>Bereiche des Projekts; mit Strg+1 bis Strg+9 direkt erreichbar</source>
        <translation>Areas of the project; Ctrl+1 to Ctrl+9 go there directly</translation>
    </message>
    <message>
        <source>Datei</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Speicherstand</source>
        <translation>Save state</translation>
    </message>
    <message>
        <source>Ausgewählter Sozialraum</source>
        <translation>Selected district</translation>
    </message>
    <message>
        <source>Kein Projekt geöffnet</source>
        <translation>No project open</translation>
    </message>
    <message>
        <source> (schreibgeschützt)</source>
        <translation> (read-only)</translation>
    </message>
    <message>
        <source>%1 (noch nicht gespeichert)</source>
        <translation>%1 (not saved yet)</translation>
    </message>
    <message>
        <source>Schreibgeschützt – bitte „Speichern unter“</source>
        <translation>Read-only – please use “Save as”</translation>
    </message>
    <message>
        <source>Ungespeicherte Änderungen</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <source>Nicht gespeichert</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <source>Gespeichert</source>
        <translation>Saved</translation>
    </message>
    <message numerus="yes">
        <source>%n Sozialräume ausgewählt</source>
        <translation>
            <numerusform>%n district selected</numerusform>
            <numerusform>%n districts selected</numerusform>
        </translation>
    </message>
    <message>
        <source>Sozialraum: %1</source>
        <translation>District: %1</translation>
    </message>
</context>
<context>
    <name>MapCanvas</name>
    <message>
        <source>Karte</source>
        <translation>Map</translation>
    </message>
    <message>
        <source>Pfeiltasten wählen den benachbarten Sozialraum, Plus und Minus zoomen, Pos1 zeigt die ganze Stadt</source>
        <translation>Arrow keys select the neighbouring district, plus and minus zoom, Home shows the whole city</translation>
    </message>
    <message>
        <source>Karte: %1</source>
        <translation>Map: %1</translation>
    </message>
</context>
<context>
    <name>MapPage</name>
    <message>
        <source>Quantile</source>
        <translation>Quantiles</translation>
    </message>
    <message>
        <source>Gleiche Intervalle</source>
        <translation>Equal intervals</translation>
    </message>
    <message>
        <source>Natürliche Brüche (Jenks)</source>
        <translation>Natural breaks (Jenks)</translation>
    </message>
    <message>
        <source>Standardabweichung</source>
        <translation>Standard deviation</translation>
    </message>
    <message>
        <source>Manuell</source>
        <translation>Manual</translation>
    </message>
    <message>
        <source>z. B. 5; 10; 15</source>
        <translation>e.g. 5; 10; 15</translation>
    </message>
    <message>
        <source>Automatisch (nach Polarität)</source>
        <translation>Automatic (by polarity)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Kürzel</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>keine</source>
        <translation>none</translation>
    </message>
    <message>
        <source>Indikator</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>Bezugsjahr</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Ebene</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>Klassen</source>
        <translation>Classes</translation>
    </message>
    <message>
        <source>Anzahl</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Grenzen</source>
        <translation>Breaks</translation>
    </message>
    <message>
        <source>Farben</source>
        <translation>Colours</translation>
    </message>
    <message>
        <source>Beschriftung</source>
        <translation>Labels</translation>
    </message>
    <message>
        <source>Einrichtungen einblenden</source>
        <translation>Show facilities</translation>
    </message>
    <message>
        <source>Suche</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Vergrößern</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <source>Verkleinern</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <source>Gesamtansicht</source>
        <translation>Full extent</translation>
    </message>
    <message>
        <source>Karte exportieren …</source>
        <translation>Export map …</translation>
    </message>
    <message>
        <source>Karte kopieren</source>
        <translation>Copy map</translation>
    </message>
    <message>
        <source>Diagramm exportieren …</source>
        <translation>Export chart …</translation>
    </message>
    <message>
        <source>Diagramm kopieren</source>
        <translation>Copy chart</translation>
    </message>
    <message>
        <source>Diagramm neben der Karte</source>
        <translation>Chart beside the map</translation>
    </message>
    <message>
        <source>Diagramm ein- oder ausblenden; die Breite lässt sich an der Trennlinie ziehen</source>
        <translation>Show or hide the chart; drag the divider to change its width</translation>
    </message>
    <message>
        <source>Ohne Handlungsfeld</source>
        <translation>No field of action</translation>
    </message>
    <message>
        <source>Sozialindex</source>
        <translation>Social index</translation>
    </message>
    <message>
        <source>Statusklasse</source>
        <translation>Status class</translation>
    </message>
    <message>
        <source>Dynamikklasse</source>
        <translation>Dynamics class</translation>
    </message>
    <message>
        <source>Status und Dynamik</source>
        <translation>Status and dynamics</translation>
    </message>
    <message>
        <source>automatisch</source>
        <translation>automatic</translation>
    </message>
    <message>
        <source>Trägerabfrage und Zielwerte</source>
        <translation>Provider survey and goals</translation>
    </message>
    <message>
        <source>Kein Projekt geöffnet.</source>
        <translation>No project open.</translation>
    </message>
    <message>
        <source>Noch keine Sozialräume.
Grenzen einlesen mit
Datei ▸ Importieren ▸ Sozialräume …</source>
        <translation>No districts yet.
Read boundaries with
File ▸ Import ▸ Districts …</translation>
    </message>
    <message>
        <source>Noch keine Indikatorwerte.
Werte einlesen mit
Datei ▸ Importieren ▸ Indikatorwerte …</source>
        <translation>No indicator values yet.
Read values with
File ▸ Import ▸ Indicator values …</translation>
    </message>
    <message>
        <source>Bitte links einen Indikator auswählen.</source>
        <translation>Please choose an indicator on the left.</translation>
    </message>
    <message>
        <source>Es gibt noch keine Indikatorwerte.</source>
        <translation>There are no indicator values yet.</translation>
    </message>
    <message>
        <source>Es ist keine Karte zu sehen.</source>
        <translation>There is no map to show.</translation>
    </message>
    <message>
        <source>Es ist kein Diagramm zu sehen.</source>
        <translation>There is no chart to show.</translation>
    </message>
    <message>
        <source>PNG-Bild (*.png);;SVG-Grafik (*.svg);;PDF-Dokument (*.pdf)</source>
        <translation>PNG image (*.png);;SVG graphic (*.svg);;PDF document (*.pdf)</translation>
    </message>
    <message>
        <source>Karte exportieren</source>
        <translation>Export map</translation>
    </message>
    <message>
        <source>Diagramm exportieren</source>
        <translation>Export chart</translation>
    </message>
    <message>
        <source>Karte wird geladen …</source>
        <translation>Loading the map …</translation>
    </message>
    <message>
        <source>Bezugsjahre</source>
        <translation>Periods</translation>
    </message>
    <message>
        <source>Karte laden</source>
        <translation>Load map</translation>
    </message>
</context>
<context>
    <name>MeetingHistory</name>
    <message>
        <source>Gremium</source>
        <translation>Committee</translation>
    </message>
    <message>
        <source>Förderrunde</source>
        <translation>Funding round</translation>
    </message>
    <message>
        <source>Datum</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>TOP</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Titel</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Vorlage</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Beschluss</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>Verlauf der Sitzungen</source>
        <translation>History of meetings</translation>
    </message>
    <message>
        <source>Vorlage &amp;zuordnen …</source>
        <translation>&amp;Link document …</translation>
    </message>
    <message>
        <source>Ein erstelltes Dokument (z. B. PDF) dem Tagesordnungspunkt zuordnen</source>
        <translation>Link a produced document (e.g. a PDF) to the agenda item</translation>
    </message>
    <message>
        <source>Vorlage ö&amp;ffnen</source>
        <translation>&amp;Open document</translation>
    </message>
    <message>
        <source>&amp;Gremium:</source>
        <translation>&amp;Committee:</translation>
    </message>
    <message>
        <source>&amp;Förderrunde:</source>
        <translation>&amp;Funding round:</translation>
    </message>
    <message>
        <source>alle Gremien</source>
        <translation>all committees</translation>
    </message>
    <message>
        <source>alle Förderrunden</source>
        <translation>all funding rounds</translation>
    </message>
    <message>
        <source>Vorlage zuordnen</source>
        <translation>Link document</translation>
    </message>
    <message>
        <source>Dokumente (*.pdf *.docx *.xlsx *.odt);;Alle Dateien (*)</source>
        <translation>Documents (*.pdf *.docx *.xlsx *.odt);;All files (*)</translation>
    </message>
    <message>
        <source>Die Vorlage „%1“ gibt es nicht mehr.</source>
        <translation>The document &quot;%1&quot; no longer exists.</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;Sozialräume…</source>
        <translation>&amp;Districts…</translation>
    </message>
    <message>
        <source>&amp;Indikatorwerte…</source>
        <translation>&amp;Indicator values…</translation>
    </message>
    <message>
        <source>&amp;Einrichtungen…</source>
        <translation>&amp;Facilities…</translation>
    </message>
    <message>
        <source>&amp;Zensus-Gitterzellen…</source>
        <translation>&amp;Census grid cells…</translation>
    </message>
    <message>
        <source>&amp;Datei</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Neu…</source>
        <translation>&amp;New…</translation>
    </message>
    <message>
        <source>Ein neues, leeres Projekt anlegen</source>
        <translation>Create a new, empty project</translation>
    </message>
    <message>
        <source>Ö&amp;ffnen…</source>
        <translation>&amp;Open…</translation>
    </message>
    <message>
        <source>Eine Projektdatei öffnen</source>
        <translation>Open a project file</translation>
    </message>
    <message>
        <source>&amp;Zuletzt geöffnet</source>
        <translation>&amp;Recent files</translation>
    </message>
    <message>
        <source>&amp;Demo öffnen</source>
        <translation>Open &amp;demo</translation>
    </message>
    <message>
        <source>Das Demo-Projekt „Musterstadt“ öffnen</source>
        <translation>Open the demo project “Musterstadt”</translation>
    </message>
    <message>
        <source>&amp;Speichern</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>Speichern &amp;unter…</source>
        <translation>Save &amp;as…</translation>
    </message>
    <message>
        <source>Kopie zum &amp;Versenden…</source>
        <translation>Send a cop&amp;y…</translation>
    </message>
    <message>
        <source>Änderungen aus Kopie &amp;übernehmen…</source>
        <translation>&amp;Merge changes from a copy…</translation>
    </message>
    <message>
        <source>F&amp;rühere Fassungen</source>
        <translation>Earlier &amp;versions</translation>
    </message>
    <message>
        <source>&amp;Importieren</source>
        <translation>&amp;Import</translation>
    </message>
    <message>
        <source>S&amp;chließen</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <source>&amp;Beenden</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Bearbeiten</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>&amp;Rückgängig</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <source>&amp;Wiederholen</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <source>&amp;Ausschneiden</source>
        <translation>Cu&amp;t</translation>
    </message>
    <message>
        <source>&amp;Kopieren</source>
        <translation>&amp;Copy</translation>
    </message>
    <message>
        <source>&amp;Einfügen</source>
        <translation>&amp;Paste</translation>
    </message>
    <message>
        <source>&amp;Ansicht</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Navigation anzeigen</source>
        <translation>Show &amp;navigation</translation>
    </message>
    <message>
        <source>&amp;Sprache</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>&amp;Hilfe</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;Hilfe zu dieser Ansicht</source>
        <translation>&amp;Help for this view</translation>
    </message>
    <message>
        <source>&amp;Erste Schritte</source>
        <translation>&amp;First steps</translation>
    </message>
    <message>
        <source>Ü&amp;ber k360desk</source>
        <translation>&amp;About k360desk</translation>
    </message>
    <message>
        <source>Importieren</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Der Import kommt in einer späteren Version.</source>
        <translation>Import will come in a later version.</translation>
    </message>
    <message>
        <source>(keine)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>Fassung vom %1 öffnen</source>
        <translation>Open version of %1</translation>
    </message>
    <message>
        <source>&amp;Alle Fassungen dieses Projekts …</source>
        <translation>&amp;All versions of this project …</translation>
    </message>
    <message>
        <source>Frühere Fassung</source>
        <translation>Earlier version</translation>
    </message>
    <message>
        <source>Sprache</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Die Sprache wird beim nächsten Start von k360desk umgestellt.</source>
        <translation>The language changes the next time k360desk starts.</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Änderungen übernehmen</source>
        <translation>Merge changes</translation>
    </message>
    <message>
        <source>Keine Unterschiede – es gibt nichts zu übernehmen.</source>
        <translation>No differences – there is nothing to merge.</translation>
    </message>
    <message>
        <source>Angehakte Einträge werden aus „%1“ übernommen. Konflikte (beide Seiten geändert) behalten zunächst die eigene Fassung.</source>
        <translation>Checked entries are taken over from “%1”. Conflicts (changed on both sides) keep your own version at first.</translation>
    </message>
    <message>
        <source>Achtung: Die Datei stammt aus einem anderen Projekt.</source>
        <translation>Caution: the file comes from a different project.</translation>
    </message>
    <message>
        <source>Übernehmen</source>
        <translation>Take over</translation>
    </message>
    <message>
        <source>Art</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Bereich</source>
        <translation>Area</translation>
    </message>
    <message>
        <source>Eintrag</source>
        <translation>Entry</translation>
    </message>
    <message>
        <source>Felder</source>
        <translation>Fields</translation>
    </message>
    <message>
        <source>Unterschiede</source>
        <translation>Differences</translation>
    </message>
    <message>
        <source>&amp;Übernehmen</source>
        <translation>&amp;Take over</translation>
    </message>
</context>
<context>
    <name>MoneyTab</name>
    <message>
        <source>Klasse (Sozialindex)</source>
        <translation>Class (social index)</translation>
    </message>
    <message>
        <source>Sozialräume</source>
        <translation>Districts</translation>
    </message>
    <message>
        <source>Einwohner</source>
        <translation>Inhabitants</translation>
    </message>
    <message>
        <source>Förderung</source>
        <translation>Funding</translation>
    </message>
    <message>
        <source>Anteil</source>
        <translation>Share</translation>
    </message>
    <message>
        <source>je Einwohner</source>
        <translation>per inhabitant</translation>
    </message>
    <message>
        <source>Schlüssel</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Sozialraum</source>
        <translation>District</translation>
    </message>
    <message>
        <source>Klasse</source>
        <translation>Class</translation>
    </message>
    <message>
        <source>Bedarf</source>
        <translation>Need</translation>
    </message>
    <message>
        <source>€ je Einw.</source>
        <translation>€ per inh.</translation>
    </message>
    <message>
        <source>Handlungsfeld</source>
        <translation>Field of action</translation>
    </message>
    <message>
        <source>Projekte</source>
        <translation>Projects</translation>
    </message>
    <message>
        <source>Spitzenverband</source>
        <translation>Umbrella association</translation>
    </message>
    <message>
        <source>Nach Bedarfsklasse – erreicht das Geld die Sozialräume mit dem größten Bedarf?</source>
        <translation>By need class – does the money reach the districts with the greatest need?</translation>
    </message>
    <message>
        <source>Nach Sozialraum</source>
        <translation>By district</translation>
    </message>
    <message>
        <source>Nach Handlungsfeld</source>
        <translation>By field of action</translation>
    </message>
    <message>
        <source>Nach Spitzenverband</source>
        <translation>By umbrella association</translation>
    </message>
    <message>
        <source>Tabellen</source>
        <translation>Tables</translation>
    </message>
    <message>
        <source>Diagramm: Förderung je Einwohner</source>
        <translation>Chart: funding per inhabitant</translation>
    </message>
    <message>
        <source>Grundlage: %1 (%2)</source>
        <translation>Basis: %1 (%2)</translation>
    </message>
    <message>
        <source>Ohne Einwohnerzahlen kein Diagramm.</source>
        <translation>No chart without population figures.</translation>
    </message>
</context>
<context>
    <name>NewProjectDialog</name>
    <message>
        <source>Neues Projekt</source>
        <translation>New project</translation>
    </message>
    <message>
        <source>Ein Projekt gehört zu einer Kommune. Name und Bezugssystem lassen sich später in den Projekteinstellungen ändern.</source>
        <translation>A project belongs to one municipality. Name and reference system can be changed later in the project settings.</translation>
    </message>
    <message>
        <source>z. B. Musterstadt</source>
        <translation>e.g. Musterstadt</translation>
    </message>
    <message>
        <source>Name der Kommune</source>
        <translation>Name of the municipality</translation>
    </message>
    <message>
        <source>8 Ziffern, z. B. 01001000</source>
        <translation>8 digits, e.g. 01001000</translation>
    </message>
    <message>
        <source>Amtlicher Gemeindeschlüssel</source>
        <translation>Official municipality key</translation>
    </message>
    <message>
        <source>Freiwillig; 8 oder 12 Ziffern</source>
        <translation>Optional; 8 or 12 digits</translation>
    </message>
    <message>
        <source>ETRS89 / UTM 32N – EPSG:25832 (Regelfall)</source>
        <translation>ETRS89 / UTM 32N – EPSG:25832 (usual case)</translation>
    </message>
    <message>
        <source>ETRS89 / UTM 33N – EPSG:25833 (östliche Länder)</source>
        <translation>ETRS89 / UTM 33N – EPSG:25833 (eastern states)</translation>
    </message>
    <message>
        <source>Das Bezugssystem Ihres Vermessungs- oder GIS-Amts; UTM 33N nutzen vor allem Berlin, Brandenburg, Mecklenburg-Vorpommern, Sachsen und Thüringen.</source>
        <translation>The reference system of your surveying or GIS office; UTM 33N is used mainly by Berlin, Brandenburg, Mecklenburg-Western Pomerania, Saxony and Thuringia.</translation>
    </message>
    <message>
        <source>Koordinatenbezugssystem</source>
        <translation>Coordinate reference system</translation>
    </message>
    <message>
        <source>Hinweis zur Eingabe</source>
        <translation>Input hint</translation>
    </message>
    <message>
        <source>&amp;Name der Kommune:</source>
        <translation>&amp;Name of the municipality:</translation>
    </message>
    <message>
        <source>&amp;Gemeindeschlüssel (AGS):</source>
        <translation>Municipality &amp;key (AGS):</translation>
    </message>
    <message>
        <source>&amp;Bezugssystem:</source>
        <translation>&amp;Reference system:</translation>
    </message>
    <message>
        <source>Anlegen</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Bitte den Namen der Kommune eingeben.</source>
        <translation>Please enter the name of the municipality.</translation>
    </message>
    <message>
        <source>Der Gemeindeschlüssel hat 8 Ziffern (oder 12 als Regionalschlüssel).</source>
        <translation>The municipality key has 8 digits (or 12 as a regional key).</translation>
    </message>
</context>
<context>
    <name>NoticesButton</name>
    <message>
        <source>Besc&amp;heide schreiben …</source>
        <translation>Write &amp;notices …</translation>
    </message>
    <message>
        <source>Bescheide der Runde schreiben</source>
        <translation>Write the round&apos;s notices</translation>
    </message>
    <message>
        <source>als PDF …</source>
        <translation>as PDF …</translation>
    </message>
    <message>
        <source>als Word-Dateien (.docx) …</source>
        <translation>as Word files (.docx) …</translation>
    </message>
    <message>
        <source>Bitte zuerst eine Förderrunde wählen.</source>
        <translation>Please choose a funding round first.</translation>
    </message>
    <message>
        <source>Keine Bescheide: In dieser Runde ist noch nichts beschlossen.</source>
        <translation>No notices: nothing has been decided in this round yet.</translation>
    </message>
    <message>
        <source>Ordner für die Bescheide wählen</source>
        <translation>Choose a folder for the notices</translation>
    </message>
    <message>
        <source>Ordner „%1“ lässt sich nicht beschreiben: %2</source>
        <translation>Cannot write to folder “%1”: %2</translation>
    </message>
    <message>
        <source>1 Bescheid geschrieben nach %2.</source>
        <translation>1 notice written to %2.</translation>
    </message>
    <message>
        <source>%1 Bescheide geschrieben nach %2.</source>
        <translation>%1 notices written to %2.</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <source>Sozialräume und Indikatoren</source>
        <translation>Districts and indicators</translation>
    </message>
    <message>
        <source>Ebenen</source>
        <translation>Levels</translation>
    </message>
    <message>
        <source>Sozialräume</source>
        <translation>Districts</translation>
    </message>
    <message>
        <source>Handlungsfelder</source>
        <translation>Fields of action</translation>
    </message>
    <message>
        <source>Indikatoren</source>
        <translation>Indicators</translation>
    </message>
    <message>
        <source>Indikatorwerte</source>
        <translation>Indicator values</translation>
    </message>
    <message>
        <source>Angebote</source>
        <translation>Supply</translation>
    </message>
    <message>
        <source>Träger</source>
        <translation>Providers</translation>
    </message>
    <message>
        <source>Einrichtungsarten</source>
        <translation>Facility types</translation>
    </message>
    <message>
        <source>Einrichtungen</source>
        <translation>Facilities</translation>
    </message>
    <message>
        <source>Förderung und Gremien</source>
        <translation>Funding and committees</translation>
    </message>
    <message>
        <source>Förderprogramme</source>
        <translation>Programmes</translation>
    </message>
    <message>
        <source>Förderrunden</source>
        <translation>Funding rounds</translation>
    </message>
    <message>
        <source>Anträge</source>
        <translation>Applications</translation>
    </message>
    <message>
        <source>Gremien</source>
        <translation>Committees</translation>
    </message>
    <message>
        <source>Sitzungen</source>
        <translation>Meetings</translation>
    </message>
    <message>
        <source>Übersicht</source>
        <translation>Overview</translation>
    </message>
    <message>
        <source>Kommune</source>
        <translation>Municipality</translation>
    </message>
    <message>
        <source>Projekt</source>
        <translation>Project</translation>
    </message>
    <message>
        <source>Kommune:</source>
        <translation>Municipality:</translation>
    </message>
    <message>
        <source>Gemeindeschlüssel:</source>
        <translation>Municipality key:</translation>
    </message>
    <message>
        <source>Bezugssystem:</source>
        <translation>Reference system:</translation>
    </message>
    <message>
        <source>Geheimhaltung:</source>
        <translation>Disclosure control:</translation>
    </message>
    <message>
        <source>Bezugsjahre:</source>
        <translation>Periods:</translation>
    </message>
    <message>
        <source>Datei:</source>
        <translation>File:</translation>
    </message>
    <message>
        <source>Zuletzt gespeichert:</source>
        <translation>Last saved:</translation>
    </message>
    <message>
        <source>Nächste Schritte</source>
        <translation>Next steps</translation>
    </message>
    <message>
        <source>Unbenannt</source>
        <translation>Untitled</translation>
    </message>
    <message>
        <source>nicht angegeben</source>
        <translation>not given</translation>
    </message>
    <message>
        <source>Fallzahlen unter %1 werden unterdrückt</source>
        <translation>Counts below %1 are suppressed</translation>
    </message>
    <message>
        <source>wird ermittelt …</source>
        <translation>being determined …</translation>
    </message>
    <message>
        <source>Bezugsjahre</source>
        <translation>Periods</translation>
    </message>
    <message>
        <source>noch keine Werte</source>
        <translation>no values yet</translation>
    </message>
    <message>
        <source>%1 bis %2 (%3 Jahre)</source>
        <translation>%1 to %2 (%3 years)</translation>
    </message>
    <message>
        <source>noch nicht gespeichert</source>
        <translation>not saved yet</translation>
    </message>
    <message>
        <source>–</source>
        <translation>–</translation>
    </message>
    <message>
        <source>Sozialräume anlegen oder mit &lt;i&gt;Datei ▸ Importieren ▸ Sozialräume&lt;/i&gt; aus einer Geodatei einlesen (&lt;a href=&quot;districts&quot;&gt;Sozialräume&lt;/a&gt;).</source>
        <translation>Add districts or read them from a geodata file with &lt;i&gt;File ▸ Import ▸ Districts&lt;/i&gt; (&lt;a href=&quot;districts&quot;&gt;Districts&lt;/a&gt;).</translation>
    </message>
    <message>
        <source>Indikatoren festlegen (&lt;a href=&quot;indicators&quot;&gt;Indikatoren&lt;/a&gt;).</source>
        <translation>Define indicators (&lt;a href=&quot;indicators&quot;&gt;Indicators&lt;/a&gt;).</translation>
    </message>
    <message>
        <source>Indikatorwerte einlesen oder aus Excel einfügen (&lt;a href=&quot;indicators&quot;&gt;Indikatoren&lt;/a&gt;).</source>
        <translation>Import indicator values or paste them from Excel (&lt;a href=&quot;indicators&quot;&gt;Indicators&lt;/a&gt;).</translation>
    </message>
    <message>
        <source>Bedarfe auf der Karte ansehen (&lt;a href=&quot;maps&quot;&gt;Karten &amp;amp; Diagramme&lt;/a&gt;).</source>
        <translation>See needs on the map (&lt;a href=&quot;maps&quot;&gt;Maps &amp;amp; charts&lt;/a&gt;).</translation>
    </message>
    <message>
        <source>Träger und Einrichtungen erfassen (&lt;a href=&quot;providers&quot;&gt;Träger &amp;amp; Angebote&lt;/a&gt;).</source>
        <translation>Record providers and facilities (&lt;a href=&quot;providers&quot;&gt;Providers &amp;amp; facilities&lt;/a&gt;).</translation>
    </message>
    <message>
        <source>Das Projekt ist noch nicht gespeichert: &lt;i&gt;Datei ▸ Speichern unter…&lt;/i&gt; (Strg+Umschalt+S).</source>
        <translation>The project is not saved yet: &lt;i&gt;File ▸ Save as…&lt;/i&gt; (Ctrl+Shift+S).</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <source>Dieser Bereich kommt in einer späteren Version.</source>
        <translation>This area will come in a later version.</translation>
    </message>
</context>
<context>
    <name>ProgrammesDialog</name>
    <message>
        <source>Förderprogramme</source>
        <translation>Funding programmes</translation>
    </message>
    <message>
        <source>Förderprogramm</source>
        <translation>Funding programme</translation>
    </message>
    <message>
        <source>Fördergeber</source>
        <translation>Funder</translation>
    </message>
    <message>
        <source>Höchstdauer (Jahre)</source>
        <translation>Maximum duration (years)</translation>
    </message>
    <message>
        <source>Beschreibung</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Neues Programm</source>
        <translation>New programme</translation>
    </message>
</context>
<context>
    <name>ProjectSettingsPage</name>
    <message>
        <source>Name der Kommune</source>
        <translation>Name of the municipality</translation>
    </message>
    <message>
        <source>Amtlicher Gemeindeschlüssel</source>
        <translation>Official municipality key</translation>
    </message>
    <message>
        <source>8 Ziffern, z. B. 01001000</source>
        <translation>8 digits, e.g. 01001000</translation>
    </message>
    <message>
        <source>Koordinatenbezugssystem</source>
        <translation>Coordinate reference system</translation>
    </message>
    <message>
        <source>Wird beim Anlegen festgelegt; Geodaten anderer Systeme werden beim Import umprojiziert.</source>
        <translation>Set when the project is created; geodata in other systems are reprojected on import.</translation>
    </message>
    <message>
        <source>Geheimhaltungsschwelle</source>
        <translation>Disclosure threshold</translation>
    </message>
    <message>
        <source> Fällen</source>
        <translation> cases</translation>
    </message>
    <message>
        <source>Fallzahlen unter dieser Schwelle werden in allen Ausgaben unterdrückt.</source>
        <translation>Counts below this threshold are suppressed in every output.</translation>
    </message>
    <message>
        <source>&amp;Kommune:</source>
        <translation>&amp;Municipality:</translation>
    </message>
    <message>
        <source>&amp;Gemeindeschlüssel (AGS):</source>
        <translation>Municipality &amp;key (AGS):</translation>
    </message>
    <message>
        <source>&amp;Bezugssystem:</source>
        <translation>&amp;Reference system:</translation>
    </message>
    <message>
        <source>G&amp;eheimhaltung unter:</source>
        <translation>Suppress counts b&amp;elow:</translation>
    </message>
    <message>
        <source>Kommune</source>
        <translation>Municipality</translation>
    </message>
    <message>
        <source>Logo für Berichte</source>
        <translation>Logo for reports</translation>
    </message>
    <message>
        <source>Logo &amp;wählen …</source>
        <translation>&amp;Choose logo …</translation>
    </message>
    <message>
        <source>Logo für Berichte wählen</source>
        <translation>Choose the logo for reports</translation>
    </message>
    <message>
        <source>Logo &amp;entfernen</source>
        <translation>&amp;Remove logo</translation>
    </message>
    <message>
        <source>Bitte den Namen der Kommune angeben.</source>
        <translation>Please enter the name of the municipality.</translation>
    </message>
    <message>
        <source>Der AGS hat 8 Ziffern (Regionalschlüssel: 12), z. B. 01001000.</source>
        <translation>The municipality key (AGS) has 8 digits (regional key: 12), e.g. 01001000.</translation>
    </message>
    <message>
        <source>Projekteinstellung ändern</source>
        <translation>Change project setting</translation>
    </message>
    <message>
        <source>(kein Logo)</source>
        <translation>(no logo)</translation>
    </message>
    <message>
        <source>Logo wählen</source>
        <translation>Choose logo</translation>
    </message>
    <message>
        <source>Bilder (*.png *.jpg *.jpeg *.svg)</source>
        <translation>Images (*.png *.jpg *.jpeg *.svg)</translation>
    </message>
    <message>
        <source>Das Logo muss eine PNG-, JPEG- oder SVG-Datei sein.</source>
        <translation>The logo must be a PNG, JPEG or SVG file.</translation>
    </message>
    <message>
        <source>Das Logo ist größer als 5 MB.</source>
        <translation>The logo is larger than 5 MB.</translation>
    </message>
    <message>
        <source>Die Datei lässt sich nicht als Bild lesen.</source>
        <translation>The file cannot be read as an image.</translation>
    </message>
    <message>
        <source>Logo ändern</source>
        <translation>Change logo</translation>
    </message>
    <message>
        <source>Logo entfernen</source>
        <translation>Remove logo</translation>
    </message>
</context>
<context>
    <name>ProofPage</name>
    <message>
        <source>Verwendungsnachweis als PDF speichern</source>
        <translation>Save proof of use as PDF</translation>
    </message>
    <message>
        <source>PDF-Dokument (*.pdf)</source>
        <translation>PDF document (*.pdf)</translation>
    </message>
    <message>
        <source>Verwendungsnachweis %1 speichern</source>
        <translation>Save proof of use %1</translation>
    </message>
    <message>
        <source>nicht geprüft</source>
        <translation>not audited</translation>
    </message>
    <message>
        <source>geprüft ohne Beanstandung</source>
        <translation>audited without objection</translation>
    </message>
    <message>
        <source>geprüft mit Rückforderung</source>
        <translation>audited with recovery claim</translation>
    </message>
    <message>
        <source>Projekt des Verwendungsnachweises</source>
        <translation>Project of the proof of use</translation>
    </message>
    <message>
        <source>Förderjahr des Verwendungsnachweises</source>
        <translation>Funding year of the proof of use</translation>
    </message>
    <message>
        <source>Sachbericht</source>
        <translation>Narrative report</translation>
    </message>
    <message>
        <source>Kostenart</source>
        <translation>Cost type</translation>
    </message>
    <message>
        <source>geplant (€)</source>
        <translation>planned (€)</translation>
    </message>
    <message>
        <source>ausgegeben (€)</source>
        <translation>spent (€)</translation>
    </message>
    <message>
        <source>Abweichung</source>
        <translation>Difference</translation>
    </message>
    <message>
        <source>Zahlenmäßiger Nachweis je Kostenart</source>
        <translation>Financial proof per cost type</translation>
    </message>
    <message>
        <source>Prüfergebnis</source>
        <translation>Audit result</translation>
    </message>
    <message>
        <source>Prüfvermerk</source>
        <translation>Audit note</translation>
    </message>
    <message>
        <source>Datum der Prüfung</source>
        <translation>Date of audit</translation>
    </message>
    <message>
        <source>leer = Ausgaben bis zur Jahresrate</source>
        <translation>empty = spending up to the yearly amount</translation>
    </message>
    <message>
        <source>anerkannter Betrag</source>
        <translation>recognised amount</translation>
    </message>
    <message>
        <source>Summe des zahlenmäßigen Nachweises</source>
        <translation>Total of the financial proof</translation>
    </message>
    <message>
        <source>Nachweis &amp;speichern</source>
        <translation>&amp;Save proof</translation>
    </message>
    <message>
        <source>Als P&amp;DF …</source>
        <translation>As P&amp;DF …</translation>
    </message>
    <message>
        <source>Projekt:</source>
        <translation>Project:</translation>
    </message>
    <message>
        <source>Jahr:</source>
        <translation>Year:</translation>
    </message>
    <message>
        <source>Prüfung:</source>
        <translation>Audit:</translation>
    </message>
    <message>
        <source>Prüfvermerk:</source>
        <translation>Audit note:</translation>
    </message>
    <message>
        <source>geprüft am:</source>
        <translation>audited on:</translation>
    </message>
    <message>
        <source>anerkannt (€):</source>
        <translation>Recognised (€):</translation>
    </message>
    <message>
        <source>&lt;b&gt;Sachbericht&lt;/b&gt;</source>
        <translation>&lt;b&gt;Narrative report&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Zahlenmäßiger Nachweis&lt;/b&gt;</source>
        <translation>&lt;b&gt;Financial proof&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Summe: bitte die Beträge prüfen.</source>
        <translation>Total: please check the amounts.</translation>
    </message>
    <message>
        <source>Summe: geplant %1 – ausgegeben %2 – Abweichung %3</source>
        <translation>Total: planned %1 – spent %2 – difference %3</translation>
    </message>
    <message>
        <source>„%1“ ist kein gültiger Betrag.</source>
        <translation>“%1” is not a valid amount.</translation>
    </message>
    <message>
        <source>Noch kein Verwendungsnachweis gespeichert.</source>
        <translation>No proof of use saved yet.</translation>
    </message>
    <message>
        <source>Ausgezahlt: %1 – nachgewiesen: %2 – %3</source>
        <translation>Paid: %1 – proven: %2 – %3</translation>
    </message>
    <message>
        <source>Rückforderung: %1</source>
        <translation>Recovery claim: %1</translation>
    </message>
    <message>
        <source>%1: „%2“ ist kein gültiger Betrag.</source>
        <translation>%1: “%2” is not a valid amount.</translation>
    </message>
    <message>
        <source>Bitte zuerst ein gefördertes Projekt und ein Jahr wählen.</source>
        <translation>Please choose a funded project and a year first.</translation>
    </message>
    <message>
        <source>Bitte den Verwendungsnachweis zuerst speichern.</source>
        <translation>Please save the proof of use first.</translation>
    </message>
    <message>
        <source>Verwendungsnachweis %1.pdf</source>
        <translation>Proof of use %1.pdf</translation>
    </message>
    <message>
        <source>„%1“ lässt sich nicht schreiben: %2</source>
        <translation>Cannot write “%1”: %2</translation>
    </message>
    <message>
        <source>Verwendungsnachweis geschrieben: %1</source>
        <translation>Proof of use written: %1</translation>
    </message>
</context>
<context>
    <name>ProvidersPage</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Art</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Dachverband</source>
        <translation>Umbrella association</translation>
    </message>
    <message>
        <source>Ansprechperson</source>
        <translation>Contact person</translation>
    </message>
    <message>
        <source>E-Mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Telefon</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Anschrift</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Website</translation>
    </message>
    <message>
        <source>Bemerkungen</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Träger</source>
        <translation>Providers</translation>
    </message>
    <message>
        <source>Neuer Träger</source>
        <translation>New provider</translation>
    </message>
    <message>
        <source>Sozialraum</source>
        <translation>District</translation>
    </message>
    <message>
        <source>Zielgruppen</source>
        <translation>Target groups</translation>
    </message>
    <message>
        <source>Straße</source>
        <translation>Street</translation>
    </message>
    <message>
        <source>PLZ</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <source>Ort</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>Plätze</source>
        <translation>Places</translation>
    </message>
    <message>
        <source>Eröffnet</source>
        <translation>Opened</translation>
    </message>
    <message>
        <source>Geschlossen</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Sozialraum fest</source>
        <translation>District fixed</translation>
    </message>
    <message>
        <source>Sozialraum von Hand festgelegt statt aus der Lage bestimmt</source>
        <translation>District set by hand instead of derived from the location</translation>
    </message>
    <message>
        <source>Einrichtungen</source>
        <translation>Facilities</translation>
    </message>
    <message>
        <source>Neue Einrichtung</source>
        <translation>New facility</translation>
    </message>
    <message>
        <source>Zielgruppe</source>
        <translation>Target group</translation>
    </message>
    <message>
        <source>Alle: %1</source>
        <translation>All: %1</translation>
    </message>
    <message>
        <source>Einrichtungen filtern nach %1</source>
        <translation>Filter facilities by %1</translation>
    </message>
    <message>
        <source>Anzeigen:</source>
        <translation>Show:</translation>
    </message>
    <message>
        <source>Zielgruppen der Einrichtung</source>
        <translation>Target groups of the facility</translation>
    </message>
    <message>
        <source>&amp;Zielgruppen der ausgewählten Einrichtung:</source>
        <translation>&amp;Target groups of the selected facility:</translation>
    </message>
    <message>
        <source>Einrichtungsart</source>
        <translation>Facility type</translation>
    </message>
    <message>
        <source>Kategorie</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Farbe</source>
        <translation>Colour</translation>
    </message>
    <message>
        <source>Farbe auf Karten, z. B. #1f77b4</source>
        <translation>Colour on maps, e.g. #1f77b4</translation>
    </message>
    <message>
        <source>Einrichtungsarten</source>
        <translation>Facility types</translation>
    </message>
    <message>
        <source>Neue Einrichtungsart</source>
        <translation>New facility type</translation>
    </message>
    <message>
        <source>Neue Zielgruppe</source>
        <translation>New target group</translation>
    </message>
    <message>
        <source>&amp;Einrichtungen</source>
        <translation>&amp;Facilities</translation>
    </message>
    <message>
        <source>&amp;Träger</source>
        <translation>&amp;Providers</translation>
    </message>
    <message>
        <source>&amp;Arten und Zielgruppen</source>
        <translation>&amp;Types and target groups</translation>
    </message>
    <message>
        <source>Träger und Angebote</source>
        <translation>Providers and services</translation>
    </message>
    <message>
        <source>Zielgruppen ändern</source>
        <translation>Change target groups</translation>
    </message>
</context>
<context>
    <name>QuestionnaireDesigner</name>
    <message>
        <source>Trägerabfrage</source>
        <translation>Provider survey</translation>
    </message>
    <message>
        <source>Jahr</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>Hinweise für die Träger</source>
        <translation>Notes for the providers</translation>
    </message>
    <message>
        <source>Trägerabfragen</source>
        <translation>Provider surveys</translation>
    </message>
    <message>
        <source>Nr.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Frage</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>Antwortart</source>
        <translation>Answer type</translation>
    </message>
    <message>
        <source>je Sozialraum</source>
        <translation>per district</translation>
    </message>
    <message>
        <source>Die Frage wird für jeden Sozialraum gestellt, in dem der Träger Einrichtungen hat.</source>
        <translation>The question is asked for every district where the provider runs facilities.</translation>
    </message>
    <message>
        <source>Fragen</source>
        <translation>Questions</translation>
    </message>
    <message>
        <source>Nach &amp;oben</source>
        <translation>Move &amp;up</translation>
    </message>
    <message>
        <source>Nach &amp;unten</source>
        <translation>Move do&amp;wn</translation>
    </message>
    <message>
        <source>Gewählte Frage eine Stelle nach oben schieben</source>
        <translation>Move the chosen question up one place</translation>
    </message>
    <message>
        <source>Gewählte Frage eine Stelle nach unten schieben</source>
        <translation>Move the chosen question down one place</translation>
    </message>
    <message>
        <source>Fragebögen &amp;ausgeben …</source>
        <translation>E&amp;xport questionnaires …</translation>
    </message>
    <message>
        <source>Je Träger eine geschützte Excel-Datei in einen Ordner schreiben, zum Versand per E-Mail</source>
        <translation>Write one protected Excel file per provider into a folder, to send by e-mail</translation>
    </message>
    <message>
        <source>Antworten &amp;einlesen …</source>
        <translation>&amp;Import answers …</translation>
    </message>
    <message>
        <source>Ausgefüllte Fragebögen (mehrere auf einmal) einlesen</source>
        <translation>Import completed questionnaires (several at once)</translation>
    </message>
    <message>
        <source>Legen Sie eine Trägerabfrage an und wählen Sie sie aus.</source>
        <translation>Create a provider survey and select it.</translation>
    </message>
    <message>
        <source>%1 Fragen; %2 Antworten von %3 Trägern eingelesen.</source>
        <translation>%1 questions; %2 answers from %3 providers imported.</translation>
    </message>
    <message>
        <source>Trägerabfrage %1</source>
        <translation>Provider survey %1</translation>
    </message>
    <message>
        <source>Wählen Sie zuerst eine Trägerabfrage (links).</source>
        <translation>Choose a provider survey first (on the left).</translation>
    </message>
    <message>
        <source>Neue Frage</source>
        <translation>New question</translation>
    </message>
    <message>
        <source>Ordner für die Fragebögen wählen</source>
        <translation>Choose a folder for the questionnaires</translation>
    </message>
    <message>
        <source>Fragebögen ausgeben</source>
        <translation>Export questionnaires</translation>
    </message>
    <message>
        <source>%1 Fragebögen geschrieben nach %2.</source>
        <translation>%1 questionnaires written to %2.</translation>
    </message>
    <message>
        <source>Ausgefüllte Fragebögen wählen</source>
        <translation>Choose completed questionnaires</translation>
    </message>
    <message>
        <source>Excel-Arbeitsmappen (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>Antworten einlesen</source>
        <translation>Import answers</translation>
    </message>
    <message>
        <source>Antworten aus %1 Dateien einlesen</source>
        <translation>Import answers from %1 files</translation>
    </message>
</context>
<context>
    <name>RankingTab</name>
    <message>
        <source>Vollförderung in Rangfolge</source>
        <translation>Full funding in rank order</translation>
    </message>
    <message>
        <source>Teilförderung bis Mindestanteil</source>
        <translation>Partial funding down to a minimum share</translation>
    </message>
    <message>
        <source>Vergaberegel</source>
        <translation>Allocation rule</translation>
    </message>
    <message>
        <source>Mindestanteil</source>
        <translation>Minimum share</translation>
    </message>
    <message>
        <source>Probelauf festhalten</source>
        <translation>Keep trial run</translation>
    </message>
    <message>
        <source>Regel an der Runde speichern und den Probelauf protokollieren</source>
        <translation>Store the rule on the round and log the trial run</translation>
    </message>
    <message>
        <source>Betrag ändern …</source>
        <translation>Change amount …</translation>
    </message>
    <message>
        <source>Beschluss festhalten …</source>
        <translation>Record decision …</translation>
    </message>
    <message>
        <source>Rang</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>Antrag</source>
        <translation>Application</translation>
    </message>
    <message>
        <source>Träger</source>
        <translation>Provider</translation>
    </message>
    <message>
        <source>Punkte</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Bedarf</source>
        <translation>Need</translation>
    </message>
    <message>
        <source>beantragt</source>
        <translation>requested</translation>
    </message>
    <message>
        <source>Vorschlag</source>
        <translation>Proposal</translation>
    </message>
    <message>
        <source>Anteil</source>
        <translation>Share</translation>
    </message>
    <message>
        <source>Ergebnis</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Begründung</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Rangliste</source>
        <translation>Ranking</translation>
    </message>
    <message>
        <source>Jahr</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <source>gebunden</source>
        <translation>committed</translation>
    </message>
    <message>
        <source>manuell</source>
        <translation>manual</translation>
    </message>
    <message>
        <source>vergeben</source>
        <translation>allocated</translation>
    </message>
    <message>
        <source>frei</source>
        <translation>free</translation>
    </message>
    <message>
        <source>Budget je Jahr</source>
        <translation>Budget per year</translation>
    </message>
    <message>
        <source>Nachvollziehbarkeit</source>
        <translation>Traceability</translation>
    </message>
    <message>
        <source>Regel:</source>
        <translation>Rule:</translation>
    </message>
    <message>
        <source>Mindestanteil:</source>
        <translation>Minimum share:</translation>
    </message>
    <message>
        <source>&lt;b&gt;Budget je Jahr&lt;/b&gt;</source>
        <translation>&lt;b&gt;Budget per year&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Wie kam das zustande?&lt;/b&gt;</source>
        <translation>&lt;b&gt;How did this come about?&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Beschlossen&lt;/b&gt; – es gilt, was bewilligt wurde.</source>
        <translation>&lt;b&gt;Decided&lt;/b&gt; – what was awarded applies.</translation>
    </message>
    <message>
        <source>&lt;i&gt;Probelauf&lt;/i&gt; – nichts ist festgelegt, bis der Beschluss erfasst ist.</source>
        <translation>&lt;i&gt;Trial run&lt;/i&gt; – nothing is fixed until the decision is recorded.</translation>
    </message>
    <message>
        <source>Reihenfolge bei Gleichstand: %1.</source>
        <translation>Order in case of a tie: %1.</translation>
    </message>
    <message>
        <source>%1 Anträge sind unvollständig bewertet: fehlende Kriterien zählen 0 Punkte, sie stehen hinter den vollständigen, und beschlossen werden kann erst, wenn alle förderfähigen Anträge vollständig sind.</source>
        <translation>%1 applications are incompletely scored: missing criteria count 0 points, they rank behind the complete ones, and a decision is only possible once every eligible application is complete.</translation>
    </message>
    <message>
        <source>Bewertung fehlt (Beschluss nur mit akzeptierter Begründung): %1</source>
        <translation>Scores missing (decision only with an accepted reason): %1</translation>
    </message>
    <message>
        <source>Verspätet eingegangen: %1</source>
        <translation>Received after the deadline: %1</translation>
    </message>
    <message>
        <source>unvollständig: es fehlt %1</source>
        <translation>incomplete: %1 is missing</translation>
    </message>
    <message>
        <source>Antrag in der Rangliste wählen, um Punkte, Bedarf und Vergabe nachzuvollziehen.</source>
        <translation>Choose an application in the ranking to trace its score, need and allocation.</translation>
    </message>
    <message>
        <source>Ergebnis: %1 – %2</source>
        <translation>Outcome: %1 – %2</translation>
    </message>
    <message>
        <source>Bitte zuerst einen Antrag in der Rangliste wählen.</source>
        <translation>Please choose an application in the ranking first.</translation>
    </message>
    <message>
        <source>„%1“ ist nicht förderfähig; ein Betrag lässt sich nicht manuell festlegen. Gründe: %2</source>
        <translation>“%1” is not eligible; an amount cannot be set by hand. Reasons: %2</translation>
    </message>
    <message>
        <source>Eine manuelle Änderung braucht eine Begründung.</source>
        <translation>A manual change needs a reason.</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <source>Fehler bei %1</source>
        <translation>Error in %1</translation>
    </message>
    <message>
        <source>%1 suchen</source>
        <translation>Search %1</translation>
    </message>
    <message>
        <source>(keine Angabe)</source>
        <translation>(none)</translation>
    </message>
</context>
<context>
    <name>RecordSection</name>
    <message>
        <source>Filtern …</source>
        <translation>Filter …</translation>
    </message>
    <message>
        <source>%1 filtern</source>
        <translation>Filter %1</translation>
    </message>
    <message>
        <source>&amp;Neu</source>
        <translation>&amp;New</translation>
    </message>
    <message>
        <source>Neuen Datensatz anlegen (Einfg)</source>
        <translation>Create a new record (Ins)</translation>
    </message>
    <message>
        <source>%1: neu</source>
        <translation>%1: new</translation>
    </message>
    <message>
        <source>&amp;Löschen</source>
        <translation>&amp;Delete</translation>
    </message>
    <message>
        <source>Ausgewählte Datensätze löschen (Entf)</source>
        <translation>Delete the selected records (Del)</translation>
    </message>
    <message>
        <source>%1: löschen</source>
        <translation>%1: delete</translation>
    </message>
    <message>
        <source>Noch keine Einträge – mit „Neu“ (Einfg) anlegen.</source>
        <translation>No entries yet – add one with “New” (Ins).</translation>
    </message>
    <message>
        <source>Fehlermeldung</source>
        <translation>Error message</translation>
    </message>
    <message>
        <source>Einträge werden geladen …</source>
        <translation>Loading entries …</translation>
    </message>
    <message>
        <source>Keine Treffer für „%1“.</source>
        <translation>Nothing matches “%1”.</translation>
    </message>
    <message>
        <source>Kein Projekt geöffnet.</source>
        <translation>No project open.</translation>
    </message>
    <message>
        <source>Löschen bestätigen</source>
        <translation>Confirm deletion</translation>
    </message>
    <message>
        <source>%1 %2 löschen</source>
        <translation>Delete %1 %2</translation>
    </message>
    <message>
        <source>%1 „%2“ löschen?</source>
        <translation>Delete %1 “%2”?</translation>
    </message>
    <message>
        <source>%1 Datensätze (%2) löschen?</source>
        <translation>Delete %1 records (%2)?</translation>
    </message>
    <message>
        <source>Davon hängen ab (werden mit gelöscht oder gelöst):</source>
        <translation>Depending on it (deleted with it or detached):</translation>
    </message>
    <message>
        <source>Sie können das Löschen rückgängig machen (Strg+Z).</source>
        <translation>You can undo the deletion (Ctrl+Z).</translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <source>Bericht speichern als CSV…</source>
        <translation>Save report as CSV…</translation>
    </message>
    <message>
        <source>Bericht speichern</source>
        <translation>Save report</translation>
    </message>
    <message>
        <source>CSV-Dateien (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>Der Bericht ließ sich nicht speichern: %1</source>
        <translation>The report could not be saved: %1</translation>
    </message>
</context>
<context>
    <name>ReportRowsModel</name>
    <message>
        <source>Zeile</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>Ergebnis</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Grund</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Inhalt</source>
        <translation>Content</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Quartiersprofil</source>
        <translation>District profile</translation>
    </message>
    <message>
        <source>Profilbuch</source>
        <translation>Profile book</translation>
    </message>
    <message>
        <source>Beschlussvorlage (Förderrunde)</source>
        <translation>Committee template (funding round)</translation>
    </message>
    <message>
        <source>Sozialatlas</source>
        <translation>Social atlas</translation>
    </message>
    <message>
        <source>Art des Berichts</source>
        <translation>Kind of report</translation>
    </message>
    <message>
        <source>&amp;Bericht:</source>
        <translation>&amp;Report:</translation>
    </message>
    <message>
        <source>Sozialraum</source>
        <translation>District</translation>
    </message>
    <message>
        <source>&amp;Sozialraum:</source>
        <translation>&amp;District:</translation>
    </message>
    <message>
        <source>&amp;Alle Sozialräume</source>
        <translation>&amp;All districts</translation>
    </message>
    <message>
        <source>Eine &amp;Ebene:</source>
        <translation>One &amp;level:</translation>
    </message>
    <message>
        <source>A&amp;uswahl:</source>
        <translation>&amp;Selection:</translation>
    </message>
    <message>
        <source>Ebene</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>Sozialräume für das Profilbuch</source>
        <translation>Districts for the profile book</translation>
    </message>
    <message>
        <source>Förderrunde</source>
        <translation>Funding round</translation>
    </message>
    <message>
        <source>&amp;Förderrunde:</source>
        <translation>&amp;Funding round:</translation>
    </message>
    <message>
        <source>Ebene des Sozialatlas</source>
        <translation>Level of the social atlas</translation>
    </message>
    <message>
        <source>E&amp;bene:</source>
        <translation>Le&amp;vel:</translation>
    </message>
    <message>
        <source>&amp;Vorschau erstellen</source>
        <translation>&amp;Create preview</translation>
    </message>
    <message>
        <source>&amp;Drucken …</source>
        <translation>&amp;Print …</translation>
    </message>
    <message>
        <source>Als &amp;PDF speichern …</source>
        <translation>Save as &amp;PDF …</translation>
    </message>
    <message>
        <source>Als &amp;Word-Dokument speichern …</source>
        <translation>Save as &amp;Word document …</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Vorschau des Berichts</source>
        <translation>Preview of the report</translation>
    </message>
    <message>
        <source>alle Sozialräume</source>
        <translation>all districts</translation>
    </message>
    <message>
        <source>Bitte einen Sozialraum wählen.</source>
        <translation>Please choose a district.</translation>
    </message>
    <message>
        <source>Im Projekt gibt es noch keine Förderrunde.</source>
        <translation>The project has no funding round yet.</translation>
    </message>
    <message>
        <source>Bitte mindestens einen Sozialraum auswählen.</source>
        <translation>Please select at least one district.</translation>
    </message>
    <message>
        <source>Bericht wird erstellt …</source>
        <translation>Creating the report …</translation>
    </message>
    <message>
        <source>Bericht erstellen</source>
        <translation>Create report</translation>
    </message>
    <message numerus="yes">
        <source>Vorschau: %n Seite(n).</source>
        <translation>
            <numerusform>Preview: %n page.</numerusform>
            <numerusform>Preview: %n pages.</numerusform>
        </translation>
    </message>
    <message>
        <source>Der Bericht konnte nicht erstellt werden.</source>
        <translation>The report could not be created.</translation>
    </message>
    <message>
        <source>Abgebrochen.</source>
        <translation>Cancelled.</translation>
    </message>
    <message>
        <source>Bericht als PDF speichern</source>
        <translation>Save report as PDF</translation>
    </message>
    <message>
        <source>PDF-Dateien (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Gespeichert: %1</source>
        <translation>Saved: %1</translation>
    </message>
    <message>
        <source>Beschlussvorlage als Word-Dokument speichern</source>
        <translation>Save committee template as Word document</translation>
    </message>
    <message>
        <source>Word-Dokumente (*.docx)</source>
        <translation>Word documents (*.docx)</translation>
    </message>
    <message>
        <source>Word-Dokument schreiben</source>
        <translation>Writing the Word document</translation>
    </message>
</context>
<context>
    <name>RevocationPage</name>
    <message>
        <source>Projekt</source>
        <translation>Project</translation>
    </message>
    <message>
        <source>Art</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>am</source>
        <translation>on</translation>
    </message>
    <message>
        <source>Entscheidung</source>
        <translation>Decided by</translation>
    </message>
    <message>
        <source>Rückforderung</source>
        <translation>Claim</translation>
    </message>
    <message>
        <source>offen</source>
        <translation>open</translation>
    </message>
    <message>
        <source>fällig am</source>
        <translation>due on</translation>
    </message>
    <message>
        <source>Begründung</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Rückforderungen</source>
        <translation>Recovery claims</translation>
    </message>
    <message>
        <source>Widerrufen…</source>
        <translation>Revoke…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Widerruf und Rückforderung&lt;/b&gt;</source>
        <translation>&lt;b&gt;Revocation and recovery&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Bitte zuerst ein bewilligtes Projekt wählen.</source>
        <translation>Please select an awarded project first.</translation>
    </message>
    <message>
        <source>Widerruf gespeichert: Rückforderung %1, fällig am %2.</source>
        <translation>Revocation saved: claim %1, due on %2.</translation>
    </message>
</context>
<context>
    <name>RevokeDialog</name>
    <message>
        <source>Bewilligung widerrufen</source>
        <translation>Revoke award</translation>
    </message>
    <message>
        <source>(Verwaltung)</source>
        <translation>(administration)</translation>
    </message>
    <message>
        <source>Projekt:</source>
        <translation>Project:</translation>
    </message>
    <message>
        <source>Datum:</source>
        <translation>Date:</translation>
    </message>
    <message>
        <source>Begründung:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>ab Jahr (leer = ganz):</source>
        <translation>From year (empty = whole):</translation>
    </message>
    <message>
        <source>anerkannt (€):</source>
        <translation>Recognised (€):</translation>
    </message>
    <message>
        <source>Sitzung (leer = Verwaltung):</source>
        <translation>Meeting (empty = administration):</translation>
    </message>
    <message>
        <source>„%1“ ist kein Jahr.</source>
        <translation>“%1” is not a year.</translation>
    </message>
    <message>
        <source>„%1“ ist kein gültiger Betrag.</source>
        <translation>“%1” is not a valid amount.</translation>
    </message>
</context>
<context>
    <name>RoundDialogs</name>
    <message>
        <source>Betrag manuell festlegen</source>
        <translation>Set amount manually</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>beantragt: %1 €</source>
        <translation>requested: %1 €</translation>
    </message>
    <message>
        <source>z. B. Beschluss der Vorberatung, Auflage …</source>
        <translation>e.g. decision of the preliminary meeting, condition …</translation>
    </message>
    <message>
        <source>Begründung:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>Zurück zum Vorschlag</source>
        <translation>Back to the proposal</translation>
    </message>
    <message>
        <source>Beschluss festhalten</source>
        <translation>Record decision</translation>
    </message>
    <message>
        <source>Verwaltung (ohne Sitzung)</source>
        <translation>Administration (no meeting)</translation>
    </message>
    <message>
        <source>nur wenn das Budget überschritten wird</source>
        <translation>only if the budget is exceeded</translation>
    </message>
    <message>
        <source>nur wenn Bewertungen fehlen</source>
        <translation>only if scores are missing</translation>
    </message>
    <message>
        <source>Überschreitung erklärt, weil:</source>
        <translation>Over-commitment declared because:</translation>
    </message>
    <message>
        <source>Fehlende Bewertungen akzeptiert, weil:</source>
        <translation>Missing scores accepted because:</translation>
    </message>
    <message>
        <source>Die Sitzung entscheidet über die Anträge, die ihr Gremium nach den Entscheidungsregeln des Programms zu entscheiden hat. Bewilligungen werden damit zu Jahresraten (Verpflichtungen); Ablehnungen behalten ihre Begründung.</source>
        <translation>The meeting decides the applications its committee is responsible for under the programme&apos;s decision rules. Awards become yearly amounts (commitments); rejections keep their reasons.</translation>
    </message>
    <message>
        <source>Sitzung:</source>
        <translation>Meeting:</translation>
    </message>
    <message>
        <source>Datum des Beschlusses:</source>
        <translation>Date of the decision:</translation>
    </message>
</context>
<context>
    <name>RoundRulesBar</name>
    <message>
        <source>Wert der übergeordneten Ebene</source>
        <translation>Value of the parent level</translation>
    </message>
    <message>
        <source>festgelegter Wert</source>
        <translation>Declared value</translation>
    </message>
    <message>
        <source>Bedarf entfällt, Gewichte neu verteilt</source>
        <translation>Need left out, weights renormalised</translation>
    </message>
    <message>
        <source>kein Beschluss möglich</source>
        <translation>No decision possible</translation>
    </message>
    <message>
        <source>Bedarf für Sozialräume ohne Wert</source>
        <translation>Need for districts without a value</translation>
    </message>
    <message>
        <source>Wie ein Antrag für einen Sozialraum ohne Bedarfswert (nicht im Index oder ganzer Stadtbezirk) bewertet wird; die Regel steht in der Herleitung der Rangliste.</source>
        <translation>How an application for a district without a need value (not in the index, or a whole borough) is scored; the rule is shown in the ranking&apos;s trace.</translation>
    </message>
    <message>
        <source>Festgelegter Bedarfswert</source>
        <translation>Declared need value</translation>
    </message>
    <message>
        <source>z. B. 1.3610.718000</source>
        <translation>e.g. 1.3610.718000</translation>
    </message>
    <message>
        <source>Haushaltsstelle</source>
        <translation>Budget line</translation>
    </message>
    <message>
        <source>Ohne &amp;Bedarfswert:</source>
        <translation>Without &amp;need value:</translation>
    </message>
    <message>
        <source>&amp;Wert:</source>
        <translation>&amp;Value:</translation>
    </message>
    <message>
        <source>&amp;Haushaltsstelle:</source>
        <translation>&amp;Budget line:</translation>
    </message>
    <message>
        <source>Bedarfsregel ändern</source>
        <translation>Change need rule</translation>
    </message>
    <message>
        <source>Bedarfswert ändern</source>
        <translation>Change need value</translation>
    </message>
    <message>
        <source>Haushaltsstelle ändern</source>
        <translation>Change budget line</translation>
    </message>
</context>
<context>
    <name>RoundStatus</name>
    <message>
        <source>Entwurf</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>Ausschreibung offen</source>
        <translation>Call open</translation>
    </message>
    <message>
        <source>Bewertung</source>
        <translation>Assessment</translation>
    </message>
    <message>
        <source>entschieden</source>
        <translation>decided</translation>
    </message>
    <message>
        <source>abgeschlossen</source>
        <translation>closed</translation>
    </message>
    <message>
        <source>eingereicht</source>
        <translation>submitted</translation>
    </message>
    <message>
        <source>nicht förderfähig</source>
        <translation>not eligible</translation>
    </message>
    <message>
        <source>förderfähig</source>
        <translation>eligible</translation>
    </message>
    <message>
        <source>bewilligt</source>
        <translation>awarded</translation>
    </message>
    <message>
        <source>abgelehnt</source>
        <translation>rejected</translation>
    </message>
    <message>
        <source>zurückgezogen</source>
        <translation>withdrawn</translation>
    </message>
    <message>
        <source>widerrufen</source>
        <translation>revoked</translation>
    </message>
</context>
<context>
    <name>RoundTab</name>
    <message>
        <source>Alles auswählen</source>
        <translation>Select all</translation>
    </message>
    <message>
        <source>Die Anzeige ließ sich nicht aktualisieren: %1</source>
        <translation>The view could not be updated: %1</translation>
    </message>
</context>
<context>
    <name>RoundWorkflowPage</name>
    <message>
        <source>Förderrunde</source>
        <translation>Funding round</translation>
    </message>
    <message>
        <source>Förderprogramm</source>
        <translation>Programme</translation>
    </message>
    <message>
        <source>von</source>
        <translation>from</translation>
    </message>
    <message>
        <source>bis</source>
        <translation>to</translation>
    </message>
    <message>
        <source>Antragsfrist</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Bemerkungen</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Förderrunden</source>
        <translation>Funding rounds</translation>
    </message>
    <message>
        <source>Runde &amp;&amp; Budget</source>
        <translation>Round &amp;&amp; budget</translation>
    </message>
    <message>
        <source>Kriterien</source>
        <translation>Criteria</translation>
    </message>
    <message>
        <source>Anträge</source>
        <translation>Applications</translation>
    </message>
    <message>
        <source>Bewertung</source>
        <translation>Assessment</translation>
    </message>
    <message>
        <source>Rangliste &amp;&amp; Vergabe</source>
        <translation>Ranking &amp;&amp; allocation</translation>
    </message>
    <message>
        <source>Nach der Bewilligung</source>
        <translation>After the award</translation>
    </message>
    <message>
        <source>Wohin fließt das Geld?</source>
        <translation>Where does the money go?</translation>
    </message>
    <message>
        <source>Wählen Sie oben eine Förderrunde aus oder legen Sie mit „Neu“ eine an.</source>
        <translation>Choose a funding round above or create one with “New”.</translation>
    </message>
    <message>
        <source>Förder&amp;programme verwalten …</source>
        <translation>Manage funding &amp;programmes …</translation>
    </message>
    <message>
        <source>Förderprogramme verwalten</source>
        <translation>Manage funding programmes</translation>
    </message>
</context>
<context>
    <name>ScoreGridModel</name>
    <message>
        <source>Noch nicht bewertet.</source>
        <translation>Not scored yet.</translation>
    </message>
    <message>
        <source>Deutliche Abweichung zwischen den Bewertenden.</source>
        <translation>Marked disagreement between the raters.</translation>
    </message>
    <message>
        <source>%1
(%2–%3, Gewicht %4)</source>
        <translation>%1
(%2–%3, weight %4)</translation>
    </message>
    <message>
        <source>„%1“ ist keine Zahl.</source>
        <translation>“%1” is not a number.</translation>
    </message>
    <message>
        <source>Die Skala von „%1“ reicht von %2 bis %3.</source>
        <translation>The scale of “%1” runs from %2 to %3.</translation>
    </message>
</context>
<context>
    <name>ScoringTab</name>
    <message>
        <source>Bewertende Person</source>
        <translation>Rater</translation>
    </message>
    <message>
        <source>Name der bewertenden Person</source>
        <translation>Name of the rater</translation>
    </message>
    <message>
        <source>Bewertungen</source>
        <translation>Scores</translation>
    </message>
    <message>
        <source>Kommentar zur gewählten Bewertung</source>
        <translation>Comment on the chosen score</translation>
    </message>
    <message>
        <source>Kommentar</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>Kommentar speichern</source>
        <translation>Save comment</translation>
    </message>
    <message>
        <source>Orange: noch nicht bewertet. Rot: die Bewertenden liegen um mindestens 40 % der Skala auseinander (Tooltip zeigt alle Bewertungen). Das Kriterium „Bedarf“ wird aus Daten berechnet und hier nicht bewertet.</source>
        <translation>Orange: not scored yet. Red: the raters differ by at least 40 % of the scale (the tooltip shows all scores). The “Need” criterion is computed from data and not scored here.</translation>
    </message>
    <message>
        <source>Bewertende Person:</source>
        <translation>Rater:</translation>
    </message>
    <message>
        <source>Fehlende Bewertungen – %1.</source>
        <translation>Missing scores – %1.</translation>
    </message>
    <message>
        <source>keine Bewertenden</source>
        <translation>no raters</translation>
    </message>
    <message>
        <source>%1 deutliche Abweichungen.</source>
        <translation>%1 marked disagreements.</translation>
    </message>
    <message>
        <source>Bewerten ist nur in den Status „Ausschreibung offen“ und „Bewertung“ möglich.</source>
        <translation>Scoring is only possible in the statuses “Call open” and “Assessment”.</translation>
    </message>
    <message>
        <source>Bitte zuerst den Namen der bewertenden Person eingeben.</source>
        <translation>Please enter the name of the rater first.</translation>
    </message>
    <message>
        <source>Bewertung ändern</source>
        <translation>Change score</translation>
    </message>
    <message>
        <source>Ein Kommentar gehört zu einer Bewertung: bitte zuerst bewerten.</source>
        <translation>A comment belongs to a score: please score first.</translation>
    </message>
    <message>
        <source>Kommentar ändern</source>
        <translation>Change comment</translation>
    </message>
</context>
<context>
    <name>SendCopyDialog</name>
    <message>
        <source>Kopie zum Versenden</source>
        <translation>Copy to send</translation>
    </message>
    <message>
        <source>Zieldatei</source>
        <translation>Target file</translation>
    </message>
    <message>
        <source>&amp;Durchsuchen …</source>
        <translation>&amp;Browse …</translation>
    </message>
    <message>
        <source>Persönliche &amp;Kontaktdaten der Träger weglassen</source>
        <translation>Leave out providers&apos; personal &amp;contact details</translation>
    </message>
    <message>
        <source>Ansprechpersonen, E-Mail-Adressen und Telefonnummern werden in der Kopie geleert.</source>
        <translation>Contact persons, email addresses and phone numbers are emptied in the copy.</translation>
    </message>
    <message>
        <source>Grenzen &amp;vereinfachen (kleinere Datei)</source>
        <translation>&amp;Simplify boundaries (smaller file)</translation>
    </message>
    <message>
        <source>Toleranz der Vereinfachung in Metern</source>
        <translation>Simplification tolerance in metres</translation>
    </message>
    <message>
        <source>Die Kopie wird geprüft, bevor sie geschrieben wird.</source>
        <translation>The copy is checked before it is written.</translation>
    </message>
    <message>
        <source>&amp;Ziel:</source>
        <translation>Tar&amp;get:</translation>
    </message>
    <message>
        <source>&amp;Toleranz:</source>
        <translation>&amp;Tolerance:</translation>
    </message>
    <message>
        <source>Kopie &amp;schreiben</source>
        <translation>&amp;Write copy</translation>
    </message>
    <message>
        <source>Im &amp;Ordner zeigen</source>
        <translation>Show in &amp;folder</translation>
    </message>
    <message>
        <source>&amp;E-Mail erstellen</source>
        <translation>Create &amp;email</translation>
    </message>
    <message>
        <source>Kopie speichern unter</source>
        <translation>Save copy as</translation>
    </message>
    <message>
        <source>k360desk-Projekt (*.k360)</source>
        <translation>k360desk project (*.k360)</translation>
    </message>
    <message>
        <source>Die Kopie darf die Projektdatei nicht überschreiben.</source>
        <translation>The copy must not overwrite the project file.</translation>
    </message>
    <message>
        <source>Kopie geschrieben: %1 (%2).</source>
        <translation>Copy written: %1 (%2).</translation>
    </message>
    <message>
        <source>Schließen</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Kopie wird geschrieben …</source>
        <translation>Writing the copy …</translation>
    </message>
    <message>
        <source>E-Mail wird erstellt …</source>
        <translation>Creating the email …</translation>
    </message>
    <message>
        <source>Es wurde kein E-Mail-Programm gefunden. Bitte die Datei aus dem Ordner selbst anhängen.</source>
        <translation>No email program was found. Please attach the file from the folder yourself.</translation>
    </message>
</context>
<context>
    <name>SetupTab</name>
    <message>
        <source>Jahr</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>Budget (€)</source>
        <translation>Budget (€)</translation>
    </message>
    <message>
        <source>durch frühere Runden gebunden</source>
        <translation>committed by earlier rounds</translation>
    </message>
    <message>
        <source>frei für diese Runde</source>
        <translation>free for this round</translation>
    </message>
    <message>
        <source>Budget je Jahr</source>
        <translation>Budget per year</translation>
    </message>
    <message>
        <source>&lt;b&gt;Budget je Jahr&lt;/b&gt; (Doppelklick zum Ändern)</source>
        <translation>&lt;b&gt;Budget per year&lt;/b&gt; (double-click to change)</translation>
    </message>
    <message>
        <source>bis Gesamtbetrag (€)</source>
        <translation>up to total amount (€)</translation>
    </message>
    <message>
        <source>Leer = ohne Obergrenze</source>
        <translation>Empty = no upper limit</translation>
    </message>
    <message>
        <source>entscheidet</source>
        <translation>decides</translation>
    </message>
    <message>
        <source>Bemerkungen</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Wer entscheidet? (Regeln des Förderprogramms)</source>
        <translation>Who decides? (rules of the programme)</translation>
    </message>
    <message>
        <source>Die Regel mit der kleinsten passenden Obergrenze bestimmt das Gremium; ohne Regeln entscheidet die Sitzung, in der der Beschluss erfasst wird.</source>
        <translation>The rule with the smallest fitting upper limit determines the committee; without rules the meeting in which the decision is recorded decides.</translation>
    </message>
    <message>
        <source>Status: &lt;b&gt;%1&lt;/b&gt;%2</source>
        <translation>Status: &lt;b&gt;%1&lt;/b&gt;%2</translation>
    </message>
    <message>
        <source> – Kriterienkatalog eingefroren</source>
        <translation> – criteria catalogue frozen</translation>
    </message>
    <message>
        <source>◀ zurück zu „%1“</source>
        <translation>◀ back to “%1”</translation>
    </message>
    <message>
        <source>weiter: „%1“ ▶</source>
        <translation>next: “%1” ▶</translation>
    </message>
    <message>
        <source>Noch nicht möglich: </source>
        <translation>Not possible yet: </translation>
    </message>
    <message>
        <source>„%1“ ist kein gültiger Betrag.</source>
        <translation>“%1” is not a valid amount.</translation>
    </message>
    <message>
        <source>Budget %1 ändern</source>
        <translation>Change budget %1</translation>
    </message>
    <message>
        <source>Den Beschluss erfassen Sie unter „Rangliste &amp; Vergabe“.</source>
        <translation>Record the decision under “Ranking &amp; allocation”.</translation>
    </message>
    <message>
        <source>Schritt zurück</source>
        <translation>Step back</translation>
    </message>
    <message>
        <source>Warum geht die Runde zurück zu „%1“? (wird protokolliert)</source>
        <translation>Why does the round go back to “%1”? (will be logged)</translation>
    </message>
</context>
<context>
    <name>StatementsView</name>
    <message>
        <source>Sozialraum</source>
        <translation>District</translation>
    </message>
    <message>
        <source>Jahr der Trägerabfrage</source>
        <translation>Year of the provider survey</translation>
    </message>
    <message>
        <source>Träger in Zitaten &amp;anonymisieren</source>
        <translation>&amp;Anonymise providers in quotes</translation>
    </message>
    <message>
        <source>Projekteinstellung: gilt auch für Quartiersprofile</source>
        <translation>Project setting: also applies to district profiles</translation>
    </message>
    <message>
        <source>Einschätzungen zum Sozialraum</source>
        <translation>Assessments of the district</translation>
    </message>
    <message>
        <source>&amp;Sozialraum:</source>
        <translation>&amp;District:</translation>
    </message>
    <message>
        <source>&amp;Jahr:</source>
        <translation>&amp;Year:</translation>
    </message>
    <message>
        <source>Zitate anonymisieren</source>
        <translation>Anonymise quotes</translation>
    </message>
    <message>
        <source>Kein Sozialraum gewählt.</source>
        <translation>No district chosen.</translation>
    </message>
    <message>
        <source>Einschätzungen der Träger</source>
        <translation>Providers&apos; assessments</translation>
    </message>
    <message>
        <source>Zu diesem Sozialraum liegen keine Antworten vor.</source>
        <translation>There are no answers about this district.</translation>
    </message>
    <message>
        <source>Zielwerte</source>
        <translation>Goals</translation>
    </message>
    <message>
        <source>Für diesen Sozialraum sind keine Zielwerte gesetzt.</source>
        <translation>No goals are set for this district.</translation>
    </message>
</context>
<context>
    <name>ValuesGrid</name>
    <message>
        <source>Indikator der Wertetabelle</source>
        <translation>Indicator of the value table</translation>
    </message>
    <message>
        <source>&amp;Indikator:</source>
        <translation>&amp;Indicator:</translation>
    </message>
    <message>
        <source>Sozialräume filtern …</source>
        <translation>Filter districts …</translation>
    </message>
    <message>
        <source>Sozialräume der Wertetabelle filtern</source>
        <translation>Filter the districts of the value table</translation>
    </message>
    <message>
        <source>Ebene der Sozialräume in der Wertetabelle</source>
        <translation>Level of the districts in the value table</translation>
    </message>
    <message>
        <source>Neues Jahr</source>
        <translation>New year</translation>
    </message>
    <message>
        <source>&amp;Jahr hinzufügen</source>
        <translation>Add &amp;year</translation>
    </message>
    <message>
        <source>Jahr als Spalte hinzufügen</source>
        <translation>Add the year as a column</translation>
    </message>
    <message>
        <source>Wertetabelle: Sozialräume × Jahre</source>
        <translation>Value table: districts × years</translation>
    </message>
    <message>
        <source>Werte eingeben oder aus Excel einfügen (Strg+V); „–“ = fehlt, „.“ = geheim gehalten</source>
        <translation>Type values or paste from Excel (Ctrl+V); “–” = missing, “.” = suppressed</translation>
    </message>
    <message>
        <source>Einfügen aus Excel mit Strg+V, Kopieren mit Strg+C. „–“ = fehlt, „.“ = geheim gehalten, kursiv = vorläufig oder geschätzt.</source>
        <translation>Paste from Excel with Ctrl+V, copy with Ctrl+C. “–” = missing, “.” = suppressed, italics = provisional or estimated.</translation>
    </message>
    <message>
        <source>Fehlermeldung</source>
        <translation>Error message</translation>
    </message>
    <message>
        <source>Alle Ebenen</source>
        <translation>All levels</translation>
    </message>
    <message>
        <source> – berechnet</source>
        <translation> – derived</translation>
    </message>
    <message>
        <source>wird berechnet aus %1; ändern Sie Zähler oder Nenner</source>
        <translation>is computed from %1; change the numerator or denominator</translation>
    </message>
    <message>
        <source>wird berechnet aus den Werten der Ebene „%1“; geben Sie sie dort ein</source>
        <translation>is computed from the values of the level “%1”; enter them there</translation>
    </message>
    <message>
        <source>Kein Projekt geöffnet.</source>
        <translation>No project open.</translation>
    </message>
    <message>
        <source>Wert ändern</source>
        <translation>Change value</translation>
    </message>
    <message>
        <source>%1 Werte einfügen</source>
        <translation>Paste %1 values</translation>
    </message>
    <message>
        <source>%1 Zellen eingefügt.</source>
        <translation>%1 cells pasted.</translation>
    </message>
    <message>
        <source>&amp;Kopieren</source>
        <translation>&amp;Copy</translation>
    </message>
    <message>
        <source>&amp;Einfügen</source>
        <translation>&amp;Paste</translation>
    </message>
    <message>
        <source>Werte &amp;löschen</source>
        <translation>&amp;Delete values</translation>
    </message>
    <message>
        <source>Als &amp;endgültig markieren</source>
        <translation>Mark as &amp;final</translation>
    </message>
    <message>
        <source>Als &amp;vorläufig markieren</source>
        <translation>Mark as &amp;provisional</translation>
    </message>
    <message>
        <source>Als &amp;geschätzt markieren</source>
        <translation>Mark as &amp;estimated</translation>
    </message>
    <message>
        <source>Als &amp;fehlend markieren</source>
        <translation>Mark as &amp;missing</translation>
    </message>
    <message>
        <source>Als geheim &amp;gehalten markieren</source>
        <translation>Mark as &amp;suppressed</translation>
    </message>
    <message>
        <source>&amp;Anmerkung …</source>
        <translation>&amp;Note …</translation>
    </message>
    <message>
        <source>&amp;Spalten</source>
        <translation>C&amp;olumns</translation>
    </message>
    <message>
        <source>Status von %1 Werten ändern</source>
        <translation>Change the status of %1 values</translation>
    </message>
    <message>
        <source>Anmerkung</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Anmerkung oder Quelle der ausgewählten Werte:</source>
        <translation>Note or source of the selected values:</translation>
    </message>
    <message>
        <source>Anmerkung ändern</source>
        <translation>Change note</translation>
    </message>
</context>
<context>
    <name>VoicePage</name>
    <message>
        <source>&amp;Fragebogen</source>
        <translation>&amp;Questionnaire</translation>
    </message>
    <message>
        <source>&amp;Einschätzungen je Sozialraum</source>
        <translation>&amp;Assessments per district</translation>
    </message>
    <message>
        <source>&amp;Zielwerte</source>
        <translation>&amp;Goals</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Willkommen</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <source>&lt;h1&gt;k360desk&lt;/h1&gt;</source>
        <translation>&lt;h1&gt;k360desk&lt;/h1&gt;</translation>
    </message>
    <message>
        <source>Integrierte Sozialplanung – von Daten zu Taten</source>
        <translation>Integrated social planning – from data to action</translation>
    </message>
    <message>
        <source>&amp;Neues Projekt…</source>
        <translation>&amp;New project…</translation>
    </message>
    <message>
        <source>Ein leeres Projekt für eine Kommune anlegen</source>
        <translation>Create an empty project for a municipality</translation>
    </message>
    <message>
        <source>Projekt ö&amp;ffnen…</source>
        <translation>&amp;Open project…</translation>
    </message>
    <message>
        <source>Eine vorhandene Projektdatei (.k360) öffnen</source>
        <translation>Open an existing project file (.k360)</translation>
    </message>
    <message>
        <source>&amp;Demo öffnen</source>
        <translation>Open &amp;demo</translation>
    </message>
    <message>
        <source>Die erfundene „Musterstadt“ zum Ausprobieren</source>
        <translation>The invented “Musterstadt” to try things out</translation>
    </message>
    <message>
        <source>&lt;b&gt;Zuletzt geöffnet&lt;/b&gt;</source>
        <translation>&lt;b&gt;Recently opened&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Zuletzt geöffnete Projekte</source>
        <translation>Recently opened projects</translation>
    </message>
    <message>
        <source>Eingabetaste oder Doppelklick öffnet das Projekt</source>
        <translation>Enter or double-click opens the project</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Erste Schritte&lt;/h3&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;Projekt anlegen&lt;/b&gt; – eines je Kommune, mit Name und Gemeindeschlüssel.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Sozialräume importieren&lt;/b&gt; – Grenzen aus einer Geodatei (Datei ▸ Importieren).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Indikatorwerte einlesen&lt;/b&gt; – aus Excel oder CSV, oder direkt einfügen.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Karten und Sozialindex&lt;/b&gt; – sehen, wo der Bedarf am größten ist.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Träger und Angebote&lt;/b&gt; – wo Bedarf auf wenig Angebot trifft.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Förderrunden und Berichte&lt;/b&gt; – Entscheidungen nachvollziehbar machen.&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;Zum Ausprobieren: &lt;b&gt;Demo öffnen&lt;/b&gt;. Hilfe zu jeder Ansicht mit &lt;b&gt;F1&lt;/b&gt;.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;First steps&lt;/h3&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;Create a project&lt;/b&gt; – one per municipality, with name and municipality key.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Import districts&lt;/b&gt; – boundaries from a geodata file (File ▸ Import).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Read indicator values&lt;/b&gt; – from Excel or CSV, or paste them directly.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Maps and social index&lt;/b&gt; – see where need is greatest.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Providers and facilities&lt;/b&gt; – where need meets little supply.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Funding rounds and reports&lt;/b&gt; – make decisions traceable.&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;To try things out: &lt;b&gt;Open demo&lt;/b&gt;. Help for every view with &lt;b&gt;F1&lt;/b&gt;.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Erste Schritte</source>
        <translation>First steps</translation>
    </message>
    <message>
        <source>  (nicht gefunden)</source>
        <translation>  (not found)</translation>
    </message>
    <message>
        <source>Noch keine Projekte geöffnet.</source>
        <translation>No projects opened yet.</translation>
    </message>
</context>
<context>
    <name>WorkbooksButton</name>
    <message>
        <source>Excel-Arbeitsmappen (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>Excel-Arbeitsmappe (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>Bewertungsbögen ausgeben</source>
        <translation>Write score sheets</translation>
    </message>
    <message>
        <source>Bewertende Personen (durch Komma getrennt):</source>
        <translation>Raters (separated by commas):</translation>
    </message>
    <message>
        <source>E&amp;xcel-Arbeitsmappen</source>
        <translation>E&amp;xcel workbooks</translation>
    </message>
    <message>
        <source>Excel-Arbeitsmappen der Runde</source>
        <translation>Excel workbooks of the round</translation>
    </message>
    <message>
        <source>Bewertungsbögen ausgeben …</source>
        <translation>Write score sheets …</translation>
    </message>
    <message>
        <source>Bewertungsbögen einlesen …</source>
        <translation>Read score sheets …</translation>
    </message>
    <message>
        <source>Antragsformular ausgeben …</source>
        <translation>Write application form …</translation>
    </message>
    <message>
        <source>Antragsformulare einlesen …</source>
        <translation>Read application forms …</translation>
    </message>
    <message>
        <source>Bitte zuerst eine Förderrunde wählen.</source>
        <translation>Please choose a funding round first.</translation>
    </message>
    <message>
        <source>Das Projekt ist schreibgeschützt.</source>
        <translation>The project is read-only.</translation>
    </message>
    <message>
        <source>Ordner für die Bewertungsbögen wählen</source>
        <translation>Choose a folder for the score sheets</translation>
    </message>
    <message>
        <source>%1 Bewertungsbögen geschrieben nach %2.</source>
        <translation>%1 score sheets written to %2.</translation>
    </message>
    <message>
        <source>Antragsformular speichern</source>
        <translation>Save application form</translation>
    </message>
    <message>
        <source>Antragsformular.xlsx</source>
        <translation>Application form.xlsx</translation>
    </message>
    <message>
        <source>Antragsformular geschrieben: %1</source>
        <translation>Application form written: %1</translation>
    </message>
    <message>
        <source>Ausgefüllte Bewertungsbögen wählen</source>
        <translation>Choose completed score sheets</translation>
    </message>
    <message>
        <source>Bewertungen aus %1 Dateien einlesen</source>
        <translation>Read scores from %1 files</translation>
    </message>
    <message>
        <source>Bewertungsbögen einlesen</source>
        <translation>Read score sheets</translation>
    </message>
    <message>
        <source>Ausgefüllte Antragsformulare wählen</source>
        <translation>Choose completed application forms</translation>
    </message>
    <message>
        <source>Anträge aus %1 Dateien einlesen</source>
        <translation>Read applications from %1 files</translation>
    </message>
    <message>
        <source>Antragsformulare einlesen</source>
        <translation>Read application forms</translation>
    </message>
    <message>
        <source>Schreiben nicht möglich: %1</source>
        <translation>Cannot write: %1</translation>
    </message>
    <message>
        <source>Nichts geändert.</source>
        <translation>Nothing changed.</translation>
    </message>
    <message>
        <source>Nichts geändert: alles unverändert.</source>
        <translation>Nothing changed: everything unchanged.</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>Unerwarteter Fehler</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <source>In k360desk ist ein unerwarteter Fehler aufgetreten.</source>
        <translation>An unexpected error occurred in k360desk.</translation>
    </message>
    <message>
        <source>Ihre Änderungen stehen in der Arbeitskopie und gehen nicht verloren. Speichern Sie bitte und starten Sie k360desk neu, wenn etwas nicht stimmt.

Details stehen im Protokoll: %1</source>
        <translation>Your changes are in the working copy and are not lost. Please save and restart k360desk if something looks wrong.

Details are in the log: %1</translation>
    </message>
</context>
<context>
    <name>commands</name>
    <message>
        <source>Der Wert ist nicht zulässig (%1).</source>
        <translation>The value is not allowed (%1).</translation>
    </message>
    <message>
        <source>Die Änderung war nicht möglich (%1).</source>
        <translation>The change was not possible (%1).</translation>
    </message>
    <message>
        <source>%1 anlegen</source>
        <translation>Create %1</translation>
    </message>
    <message>
        <source>%1 ändern</source>
        <translation>Change %1</translation>
    </message>
    <message>
        <source>%1 löschen</source>
        <translation>Delete %1</translation>
    </message>
    <message>
        <source>Werte ändern</source>
        <translation>Change values</translation>
    </message>
    <message>
        <source>Projekteinstellungen ändern</source>
        <translation>Change project settings</translation>
    </message>
    <message>
        <source>Zuordnungen ändern</source>
        <translation>Change assignments</translation>
    </message>
    <message>
        <source>Blickpunkt ändern</source>
        <translation>Change spotlight</translation>
    </message>
</context>
<context>
    <name>damaged</name>
    <message>
        <source>„%1“ ist beschädigt und lässt sich nicht öffnen. Das kommt vor, wenn das Speichern oder die Übertragung (E-Mail, Netzlaufwerk, USB-Stick) unterbrochen wurde. An der Datei wurde nichts verändert.</source>
        <translation>“%1” is damaged and cannot be opened. This happens when saving or a transfer (email, network drive, USB stick) was interrupted. Nothing in the file was changed.</translation>
    </message>
    <message>
        <source>Auf diesem PC gibt es keine gesicherte frühere Fassung dieser Datei. Bitten Sie, wer Ihnen die Datei gegeben hat, um eine neue Kopie.</source>
        <translation>There is no kept earlier version of this file on this PC. Ask whoever gave you the file for a new copy.</translation>
    </message>
    <message>
        <source>%1 (Fassung vom %2)</source>
        <translation>%1 (version of %2)</translation>
    </message>
</context>
<context>
    <name>editors</name>
    <message>
        <source>(keine Angabe)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>(kein Datum)</source>
        <translation>(no date)</translation>
    </message>
    <message>
        <source>Wert</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>„%1“ ist keine Zahl (Beispiel: 1.234,5).</source>
        <translation>“%1” is not a number (example: 1.234,5).</translation>
    </message>
    <message>
        <source>„%1“ ist keine ganze Zahl.</source>
        <translation>“%1” is not a whole number.</translation>
    </message>
    <message>
        <source>„%1“ ist kein Datum (Beispiel: 21.11.2026).</source>
        <translation>“%1” is not a date (example: 21.11.2026).</translation>
    </message>
    <message>
        <source>„%1“ darf nicht leer sein.</source>
        <translation>“%1” must not be empty.</translation>
    </message>
    <message>
        <source>endgültig</source>
        <translation>final</translation>
    </message>
    <message>
        <source>vorläufig</source>
        <translation>provisional</translation>
    </message>
    <message>
        <source>geschätzt</source>
        <translation>estimated</translation>
    </message>
    <message>
        <source>geheim gehalten</source>
        <translation>suppressed</translation>
    </message>
    <message>
        <source>fehlt</source>
        <translation>missing</translation>
    </message>
    <message>
        <source>„%1“ ist keine Zahl (Beispiel: 1.234,5; „–“ fehlt, „.“ geheim).</source>
        <translation>“%1” is not a number (example: 1.234,5; “–” missing, “.” suppressed).</translation>
    </message>
    <message>
        <source>Nicht änderbar: %1</source>
        <translation>Read-only: %1</translation>
    </message>
    <message>
        <source>Schlüssel</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Sozialraum</source>
        <translation>District</translation>
    </message>
    <message>
        <source>Der eingefügte Block ist breiter als die Tabelle; legen Sie zuerst weitere Jahre an.</source>
        <translation>The pasted block is wider than the table; add more years first.</translation>
    </message>
    <message>
        <source>%1 %2: Dieser Wert %3.</source>
        <translation>%1 %2: this value %3.</translation>
    </message>
    <message>
        <source>Diese Sozialräume gibt es nicht: %1. Es wurde nichts eingefügt.</source>
        <translation>These districts do not exist: %1. Nothing was pasted.</translation>
    </message>
    <message>
        <source>Wählen Sie zuerst einen Indikator.</source>
        <translation>Choose an indicator first.</translation>
    </message>
    <message>
        <source>Der eingefügte Block ist länger als die Tabelle (%1 Zeilen zu viel).</source>
        <translation>The pasted block is longer than the table (%1 rows too many).</translation>
    </message>
</context>
<context>
    <name>exchange_actions</name>
    <message>
        <source>Kopie zum Übernehmen wählen</source>
        <translation>Choose the copy to merge</translation>
    </message>
    <message>
        <source>k360desk-Projekte (*.k360)</source>
        <translation>k360desk projects (*.k360)</translation>
    </message>
    <message>
        <source>Änderungen übernehmen</source>
        <translation>Merge changes</translation>
    </message>
</context>
<context>
    <name>pages</name>
    <message>
        <source>Übersicht</source>
        <translation>Overview</translation>
    </message>
    <message>
        <source>Zusammenfassung des Projekts</source>
        <translation>Summary of the project</translation>
    </message>
    <message>
        <source>Sozialräume</source>
        <translation>Districts</translation>
    </message>
    <message>
        <source>Ebenen und Sozialräume bearbeiten</source>
        <translation>Edit levels and districts</translation>
    </message>
    <message>
        <source>Indikatoren</source>
        <translation>Indicators</translation>
    </message>
    <message>
        <source>Handlungsfelder, Indikatoren und ihre Werte</source>
        <translation>Fields of action, indicators and their values</translation>
    </message>
    <message>
        <source>Karten &amp; Diagramme</source>
        <translation>Maps &amp; charts</translation>
    </message>
    <message>
        <source>Themenkarten und Diagramme der Indikatoren</source>
        <translation>Thematic maps and charts of the indicators</translation>
    </message>
    <message>
        <source>Sozialindex</source>
        <translation>Social index</translation>
    </message>
    <message>
        <source>Status- und Dynamikindex berechnen, speichern, vergleichen</source>
        <translation>Compute, store and compare status and dynamics index</translation>
    </message>
    <message>
        <source>Versorgung</source>
        <translation>Coverage</translation>
    </message>
    <message>
        <source>Plätze je 1.000 der Zielbevölkerung gegen einen Richtwert</source>
        <translation>Places per 1,000 of the target population against a guide value</translation>
    </message>
    <message>
        <source>Träger &amp; Angebote</source>
        <translation>Providers &amp; facilities</translation>
    </message>
    <message>
        <source>Träger, Einrichtungen und Angebote</source>
        <translation>Providers, facilities and offers</translation>
    </message>
    <message>
        <source>Förderrunden</source>
        <translation>Funding rounds</translation>
    </message>
    <message>
        <source>Förderprogramme, Förderrunden, Kriterien und Anträge</source>
        <translation>Programmes, funding rounds, criteria and applications</translation>
    </message>
    <message>
        <source>Trägerabfrage</source>
        <translation>Provider survey</translation>
    </message>
    <message>
        <source>Fragebögen der Träger, Einschätzungen je Sozialraum, Zielwerte</source>
        <translation>Provider questionnaires, assessments per district, goals</translation>
    </message>
    <message>
        <source>Gremien</source>
        <translation>Committees</translation>
    </message>
    <message>
        <source>Gremien, Sitzungen und Tagesordnungspunkte</source>
        <translation>Committees, meetings and agenda items</translation>
    </message>
    <message>
        <source>Berichte</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>Quartiersprofile und Vorlagen als PDF</source>
        <translation>District profiles and committee templates as PDF</translation>
    </message>
    <message>
        <source>Projekteinstellungen</source>
        <translation>Project settings</translation>
    </message>
    <message>
        <source>Kommune, Koordinatensystem, Geheimhaltung, Logo</source>
        <translation>Municipality, coordinate system, disclosure control, logo</translation>
    </message>
</context>
<context>
    <name>tasks</name>
    <message>
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Wird abgebrochen …</source>
        <translation>Cancelling …</translation>
    </message>
    <message>
        <source>Die Datei konnte nicht gelesen oder geschrieben werden: %1</source>
        <translation>The file could not be read or written: %1</translation>
    </message>
    <message>
        <source>Ein unerwarteter Fehler ist aufgetreten (%1). Details stehen im Protokoll.</source>
        <translation>An unexpected error occurred (%1). Details are in the log.</translation>
    </message>
</context>
<context>
    <name>voice</name>
    <message>
        <source>Antworten einlesen</source>
        <translation>Import answers</translation>
    </message>
    <message>
        <source>Frage verschieben</source>
        <translation>Move question</translation>
    </message>
    <message>
        <source>Freitext</source>
        <translation>Free text</translation>
    </message>
    <message>
        <source>Bewertung 1–5</source>
        <translation>Rating 1–5</translation>
    </message>
    <message>
        <source>ja/nein</source>
        <translation>yes/no</translation>
    </message>
    <message>
        <source>Zahl</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>erreicht</source>
        <translation>reached</translation>
    </message>
    <message>
        <source>auf Kurs</source>
        <translation>on track</translation>
    </message>
    <message>
        <source>im Verzug</source>
        <translation>behind</translation>
    </message>
    <message>
        <source>nicht auf Kurs</source>
        <translation>off track</translation>
    </message>
    <message>
        <source>noch keine Werte</source>
        <translation>no values yet</translation>
    </message>
</context>
</TS>
