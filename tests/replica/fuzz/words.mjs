// Visible wording of the fuzzed pages, one table per language.
// English follows the help article and the anatomy doc. The other languages are INVENTED: impact.com's
// translated labels are not public, so these are plausible guesses that detection must not rely on.
// Only language-independent anchors survive translation: the https TikTok invite link, ids, test ids,
// roles, and (sometimes) the acronym "TTCM".
import { messages as scenarioMessages } from '../scenario.mjs';

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ymd = (iso) => iso.slice(0, 10).split('-').map(Number);
const cap = (s) => (s ? s[0].toUpperCase() + s.slice(1) : s);

export const LANGUAGES = ['en', 'fr', 'de', 'es', 'pt', 'ja'];

/** @type {Record<string, any>} */
export const WORDS = {
  en: {
    home: 'Home', discover: 'Discover', findCampaigns: 'Find Campaigns', findBrands: 'Find Brands', content: 'Content', reports: 'Reports',
    tabs: { all: 'All Campaigns', invitations: 'Invitations', applied: 'Applied', joined: 'Participating' },
    manageTasks: 'Manage Tasks', viewCampaign: 'View Campaign', myCampaignTasks: 'My Campaign Tasks', viewTaskDetails: 'View Task Details',
    task: 'Task', taskName: 'Task name', platform: 'Platform', statusLabel: 'Status', due: 'Due date', campaign: 'Campaign', brand: 'Brand',
    ttcm: 'TTCM Branded Content Details', ttcmNoAcronym: 'TTCM Branded Content Details',
    inviteLink: 'Invite link', campaignCode: 'Campaign code', copy: 'Copy', copied: 'Copied', openLink: 'Open invite link',
    sow: 'Statement of Work (excerpt)', sparkAds: (n) => `Spark Ads authorization: ${n} days`, authWindow: 'Ad authorization window', days: (n) => `${n} days`,
    draft: 'Draft', deliverable: 'Deliverable', metrics: 'Metrics', activity: 'Activity log', noDraft: 'No draft uploaded.',
    views: 'Views', likes: 'Likes', retrieve: 'Retrieve my post', retrieving: 'Retrieving…',
    noPost: 'No post submitted yet. After you post on TikTok, retrieve your post to submit it.',
    close: 'Close', tiktokPost: 'TikTok post', noInviteLink: scenarioMessages.inviteLinkMissing, noCode: 'No campaign code for this task.',
    ends: (d) => `Ends ${d}`, tasksCount: (n) => `${n} task${n === 1 ? '' : 's'}`, welcome: (n) => `Welcome back, ${n}`,
    empty: 'No campaigns here yet.', back: 'Back to tasks', taskNumber: (id) => `Task #${id}`, loading: 'Loading…',
    date: {
      short: (iso) => { const [y, m, d] = ymd(iso); return `${MONTHS_EN[m - 1]} ${d}, ${y}`; },
      long: (iso) => { const [y, m, d] = ymd(iso); return `Due ${MONTHS_EN[m - 1]} ${d}, ${y}`; },
    },
    status: {
      notStarted: 'Not started', inProgress: 'In progress', awaitingSubmission: 'Awaiting submission', awaitingReview: 'Awaiting review',
      completed: 'Completed', waitingFor: (t) => `Waiting for ${t}`, pendingApproval: (t) => `${t} pending approval`,
      approved: (t) => `${t} approved`, rejected: (t) => `${t} rejected`,
    },
    // A brand-run creator portal words statuses its own way (anatomy doc).
    portalStatus: {
      notStarted: 'Not Started', inProgress: 'In Progress', awaitingSubmission: 'Awaiting Deliverable Submission', awaitingReview: 'Awaiting Review',
      completed: 'Complete', waitingFor: (t) => `Waiting for ${t}`, pendingApproval: (t) => `${cap(t)} pending approval`,
      approved: (t) => `${cap(t)} Approved`, rejected: (t) => `${cap(t)} Rejected`,
    },
    outcomes: {
      notFound: [scenarioMessages.retrieveNotFound, "Sorry, we couldn't find your TikTok post yet. TikTok can take a while to publish it: try again later.", "We couldn't find your TikTok post yet — please try again later."],
      error: [scenarioMessages.retrieveError, 'Something went wrong while retrieving your post.', 'Something went wrong. Refresh the page and try again.'],
      success: [scenarioMessages.retrieveSuccess, 'Post retrieved! It was submitted for approval.', 'Your TikTok post was found and submitted.'],
    },
  },
  fr: {
    home: 'Accueil', discover: 'Découvrir', findCampaigns: 'Trouver des campagnes', findBrands: 'Trouver des marques', content: 'Contenu', reports: 'Rapports',
    tabs: { all: 'Toutes les campagnes', invitations: 'Invitations', applied: 'Candidatures', joined: 'Participations' },
    manageTasks: 'Gérer les tâches', viewCampaign: 'Voir la campagne', myCampaignTasks: 'Mes tâches de campagne', viewTaskDetails: 'Voir les détails de la tâche',
    task: 'Tâche', taskName: 'Nom de la tâche', platform: 'Plateforme', statusLabel: 'Statut', due: 'Échéance', campaign: 'Campagne', brand: 'Marque',
    ttcm: 'Détails du contenu de marque TTCM', ttcmNoAcronym: 'Détails du contenu de marque TikTok',
    inviteLink: "Lien d'invitation", campaignCode: 'Code de campagne', copy: 'Copier', copied: 'Copié', openLink: "Ouvrir le lien d'invitation",
    sow: 'Cahier des charges (extrait)', sparkAds: (n) => `Autorisation Spark Ads : ${n} jours`, authWindow: "Durée d'autorisation publicitaire", days: (n) => `${n} jours`,
    draft: 'Brouillon', deliverable: 'Livrable', metrics: 'Statistiques', activity: "Journal d'activité", noDraft: 'Aucun brouillon.',
    views: 'Vues', likes: "J'aime", retrieve: 'Récupérer ma publication', retrieving: 'Récupération…',
    noPost: 'Aucune publication soumise. Après avoir publié sur TikTok, récupérez votre publication.',
    close: 'Fermer', tiktokPost: 'Publication TikTok', noInviteLink: "La marque n'a pas encore partagé de lien d'invitation.", noCode: 'Aucun code de campagne.',
    ends: (d) => `Se termine le ${d}`, tasksCount: (n) => `${n} tâche${n === 1 ? '' : 's'}`, welcome: (n) => `Bon retour, ${n}`,
    empty: 'Aucune campagne pour le moment.', back: 'Retour aux tâches', taskNumber: (id) => `Tâche n° ${id}`, loading: 'Chargement…',
    date: {
      short: (iso) => { const [y, m, d] = ymd(iso); return `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`; },
      long: (iso) => { const [y, m, d] = ymd(iso); return `Échéance ${d} ${['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'][m - 1]} ${y}`; },
    },
    status: {
      notStarted: 'Non commencée', inProgress: 'En cours', awaitingSubmission: 'En attente de soumission', awaitingReview: 'En attente de vérification',
      completed: 'Terminée', waitingFor: (t) => `En attente de ${t}`, pendingApproval: (t) => `${t} en attente d'approbation`,
      approved: (t) => `${t} approuvé`, rejected: (t) => `${t} refusé`,
    },
    outcomes: {
      notFound: ["Nous n'avons pas encore trouvé votre publication TikTok. Réessayez plus tard."],
      error: ["Une erreur s'est produite. Veuillez réessayer."],
      success: ['Votre publication TikTok a été récupérée et soumise pour approbation.'],
    },
  },
  de: {
    home: 'Start', discover: 'Entdecken', findCampaigns: 'Kampagnen finden', findBrands: 'Marken finden', content: 'Inhalte', reports: 'Berichte',
    tabs: { all: 'Alle Kampagnen', invitations: 'Einladungen', applied: 'Beworben', joined: 'Teilnahmen' },
    manageTasks: 'Aufgaben verwalten', viewCampaign: 'Kampagne ansehen', myCampaignTasks: 'Meine Kampagnenaufgaben', viewTaskDetails: 'Aufgabendetails anzeigen',
    task: 'Aufgabe', taskName: 'Aufgabenname', platform: 'Plattform', statusLabel: 'Status', due: 'Fällig', campaign: 'Kampagne', brand: 'Marke',
    ttcm: 'TTCM-Markeninhalte – Details', ttcmNoAcronym: 'Details zu Markeninhalten',
    inviteLink: 'Einladungslink', campaignCode: 'Kampagnencode', copy: 'Kopieren', copied: 'Kopiert', openLink: 'Einladungslink öffnen',
    sow: 'Leistungsbeschreibung (Auszug)', sparkAds: (n) => `Spark-Ads-Freigabe: ${n} Tage`, authWindow: 'Werbefreigabe-Zeitraum', days: (n) => `${n} Tage`,
    draft: 'Entwurf', deliverable: 'Liefergegenstand', metrics: 'Kennzahlen', activity: 'Aktivitätsprotokoll', noDraft: 'Kein Entwurf hochgeladen.',
    views: 'Aufrufe', likes: 'Likes', retrieve: 'Meinen Beitrag abrufen', retrieving: 'Wird abgerufen…',
    noPost: 'Noch kein Beitrag eingereicht. Rufe deinen Beitrag nach dem Posten auf TikTok ab.',
    close: 'Schließen', tiktokPost: 'TikTok-Beitrag', noInviteLink: 'Die Marke hat noch keinen Einladungslink geteilt.', noCode: 'Kein Kampagnencode.',
    ends: (d) => `Endet am ${d}`, tasksCount: (n) => `${n} Aufgabe${n === 1 ? '' : 'n'}`, welcome: (n) => `Willkommen zurück, ${n}`,
    empty: 'Noch keine Kampagnen.', back: 'Zurück zu den Aufgaben', taskNumber: (id) => `Aufgabe Nr. ${id}`, loading: 'Wird geladen…',
    date: {
      short: (iso) => { const [y, m, d] = ymd(iso); return `${String(d).padStart(2, '0')}.${String(m).padStart(2, '0')}.${y}`; },
      long: (iso) => { const [y, m, d] = ymd(iso); return `Fällig am ${d}. ${['Jan.', 'Feb.', 'März', 'Apr.', 'Mai', 'Juni', 'Juli', 'Aug.', 'Sept.', 'Okt.', 'Nov.', 'Dez.'][m - 1]} ${y}`; },
    },
    status: {
      notStarted: 'Nicht begonnen', inProgress: 'In Bearbeitung', awaitingSubmission: 'Einreichung ausstehend', awaitingReview: 'Prüfung ausstehend',
      completed: 'Abgeschlossen', waitingFor: (t) => `Wartet auf ${t}`, pendingApproval: (t) => `${t} – Freigabe ausstehend`,
      approved: (t) => `${t} freigegeben`, rejected: (t) => `${t} abgelehnt`,
    },
    outcomes: {
      notFound: ['Wir konnten deinen TikTok-Beitrag noch nicht finden. Bitte versuche es später erneut.'],
      error: ['Etwas ist schiefgelaufen. Bitte versuche es erneut.'],
      success: ['Dein TikTok-Beitrag wurde abgerufen und zur Freigabe eingereicht.'],
    },
  },
  es: {
    home: 'Inicio', discover: 'Descubrir', findCampaigns: 'Buscar campañas', findBrands: 'Buscar marcas', content: 'Contenido', reports: 'Informes',
    tabs: { all: 'Todas las campañas', invitations: 'Invitaciones', applied: 'Solicitadas', joined: 'Participando' },
    manageTasks: 'Gestionar tareas', viewCampaign: 'Ver campaña', myCampaignTasks: 'Mis tareas de campaña', viewTaskDetails: 'Ver detalles de la tarea',
    task: 'Tarea', taskName: 'Nombre de la tarea', platform: 'Plataforma', statusLabel: 'Estado', due: 'Vencimiento', campaign: 'Campaña', brand: 'Marca',
    ttcm: 'Detalles de contenido de marca TTCM', ttcmNoAcronym: 'Detalles de contenido de marca',
    inviteLink: 'Enlace de invitación', campaignCode: 'Código de campaña', copy: 'Copiar', copied: 'Copiado', openLink: 'Abrir enlace de invitación',
    sow: 'Declaración de trabajo (extracto)', sparkAds: (n) => `Autorización de Spark Ads: ${n} días`, authWindow: 'Periodo de autorización de anuncios', days: (n) => `${n} días`,
    draft: 'Borrador', deliverable: 'Entregable', metrics: 'Métricas', activity: 'Registro de actividad', noDraft: 'Sin borrador.',
    views: 'Vistas', likes: 'Me gusta', retrieve: 'Recuperar mi publicación', retrieving: 'Recuperando…',
    noPost: 'Aún no has enviado ninguna publicación. Después de publicar en TikTok, recupera tu publicación.',
    close: 'Cerrar', tiktokPost: 'Publicación de TikTok', noInviteLink: 'La marca aún no ha compartido un enlace de invitación.', noCode: 'Sin código de campaña.',
    ends: (d) => `Termina el ${d}`, tasksCount: (n) => `${n} tarea${n === 1 ? '' : 's'}`, welcome: (n) => `Hola de nuevo, ${n}`,
    empty: 'Todavía no hay campañas.', back: 'Volver a las tareas', taskNumber: (id) => `Tarea n.º ${id}`, loading: 'Cargando…',
    date: {
      short: (iso) => { const [y, m, d] = ymd(iso); return `${d}/${m}/${y}`; },
      long: (iso) => { const [y, m, d] = ymd(iso); return `Vence el ${d} de ${['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'][m - 1]} de ${y}`; },
    },
    status: {
      notStarted: 'Sin empezar', inProgress: 'En curso', awaitingSubmission: 'Pendiente de envío', awaitingReview: 'Pendiente de revisión',
      completed: 'Completada', waitingFor: (t) => `Esperando ${t}`, pendingApproval: (t) => `${t} pendiente de aprobación`,
      approved: (t) => `${t} aprobado`, rejected: (t) => `${t} rechazado`,
    },
    outcomes: {
      notFound: ['Todavía no encontramos tu publicación de TikTok. Inténtalo de nuevo más tarde.'],
      error: ['Algo salió mal. Inténtalo de nuevo.'],
      success: ['Tu publicación de TikTok se recuperó y se envió para su aprobación.'],
    },
  },
  pt: {
    home: 'Início', discover: 'Descobrir', findCampaigns: 'Encontrar campanhas', findBrands: 'Encontrar marcas', content: 'Conteúdo', reports: 'Relatórios',
    tabs: { all: 'Todas as campanhas', invitations: 'Convites', applied: 'Candidaturas', joined: 'Participando' },
    manageTasks: 'Gerenciar tarefas', viewCampaign: 'Ver campanha', myCampaignTasks: 'Minhas tarefas da campanha', viewTaskDetails: 'Ver detalhes da tarefa',
    task: 'Tarefa', taskName: 'Nome da tarefa', platform: 'Plataforma', statusLabel: 'Status', due: 'Prazo', campaign: 'Campanha', brand: 'Marca',
    ttcm: 'Detalhes de conteúdo de marca TTCM', ttcmNoAcronym: 'Detalhes de conteúdo de marca',
    inviteLink: 'Link de convite', campaignCode: 'Código da campanha', copy: 'Copiar', copied: 'Copiado', openLink: 'Abrir link de convite',
    sow: 'Escopo de trabalho (trecho)', sparkAds: (n) => `Autorização de Spark Ads: ${n} dias`, authWindow: 'Período de autorização de anúncios', days: (n) => `${n} dias`,
    draft: 'Rascunho', deliverable: 'Entregável', metrics: 'Métricas', activity: 'Registro de atividades', noDraft: 'Nenhum rascunho.',
    views: 'Visualizações', likes: 'Curtidas', retrieve: 'Recuperar minha publicação', retrieving: 'Recuperando…',
    noPost: 'Nenhuma publicação enviada. Depois de postar no TikTok, recupere sua publicação.',
    close: 'Fechar', tiktokPost: 'Publicação do TikTok', noInviteLink: 'A marca ainda não compartilhou um link de convite.', noCode: 'Sem código de campanha.',
    ends: (d) => `Termina em ${d}`, tasksCount: (n) => `${n} tarefa${n === 1 ? '' : 's'}`, welcome: (n) => `Bem-vindo de volta, ${n}`,
    empty: 'Nenhuma campanha ainda.', back: 'Voltar às tarefas', taskNumber: (id) => `Tarefa nº ${id}`, loading: 'Carregando…',
    date: {
      short: (iso) => { const [y, m, d] = ymd(iso); return `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`; },
      long: (iso) => { const [y, m, d] = ymd(iso); return `Prazo: ${d} de ${['jan', 'fev', 'mar', 'abr', 'mai', 'jun', 'jul', 'ago', 'set', 'out', 'nov', 'dez'][m - 1]}. de ${y}`; },
    },
    status: {
      notStarted: 'Não iniciada', inProgress: 'Em andamento', awaitingSubmission: 'Aguardando envio', awaitingReview: 'Aguardando revisão',
      completed: 'Concluída', waitingFor: (t) => `Aguardando ${t}`, pendingApproval: (t) => `${t} aguardando aprovação`,
      approved: (t) => `${t} aprovado`, rejected: (t) => `${t} rejeitado`,
    },
    outcomes: {
      notFound: ['Ainda não encontramos sua publicação do TikTok. Tente novamente mais tarde.'],
      error: ['Algo deu errado. Tente novamente.'],
      success: ['Sua publicação do TikTok foi recuperada e enviada para aprovação.'],
    },
  },
  ja: {
    home: 'ホーム', discover: '探す', findCampaigns: 'キャンペーンを探す', findBrands: 'ブランドを探す', content: 'コンテンツ', reports: 'レポート',
    tabs: { all: 'すべてのキャンペーン', invitations: '招待', applied: '応募済み', joined: '参加中' },
    manageTasks: 'タスクを管理', viewCampaign: 'キャンペーンを見る', myCampaignTasks: 'マイキャンペーンタスク', viewTaskDetails: 'タスクの詳細を表示',
    task: 'タスク', taskName: 'タスク名', platform: 'プラットフォーム', statusLabel: 'ステータス', due: '期限', campaign: 'キャンペーン', brand: 'ブランド',
    ttcm: 'TTCM ブランドコンテンツの詳細', ttcmNoAcronym: 'ブランドコンテンツの詳細',
    inviteLink: '招待リンク', campaignCode: 'キャンペーンコード', copy: 'コピー', copied: 'コピーしました', openLink: '招待リンクを開く',
    sow: '作業範囲記述書（抜粋）', sparkAds: (n) => `Spark Ads の承認期間: ${n} 日`, authWindow: '広告承認期間', days: (n) => `${n} 日`,
    draft: '下書き', deliverable: '成果物', metrics: '指標', activity: 'アクティビティログ', noDraft: '下書きはありません。',
    views: '再生回数', likes: 'いいね', retrieve: '投稿を取得', retrieving: '取得中…',
    noPost: 'まだ投稿が提出されていません。TikTok に投稿したら、投稿を取得して提出してください。',
    close: '閉じる', tiktokPost: 'TikTok の投稿', noInviteLink: 'ブランドはまだ招待リンクを共有していません。', noCode: 'キャンペーンコードはありません。',
    ends: (d) => `${d} 終了`, tasksCount: (n) => `${n} 件のタスク`, welcome: (n) => `おかえりなさい、${n} さん`,
    empty: 'キャンペーンはまだありません。', back: 'タスクに戻る', taskNumber: (id) => `タスク番号 ${id}`, loading: '読み込み中…',
    date: {
      short: (iso) => { const [y, m, d] = ymd(iso); return `${y}/${m}/${d}`; },
      long: (iso) => { const [y, m, d] = ymd(iso); return `期限 ${y}年${m}月${d}日`; },
    },
    status: {
      notStarted: '未着手', inProgress: '進行中', awaitingSubmission: '提出待ち', awaitingReview: 'レビュー待ち',
      completed: '完了', waitingFor: (t) => `${t} 待ち`, pendingApproval: (t) => `${t} 承認待ち`,
      approved: (t) => `${t} 承認済み`, rejected: (t) => `${t} 却下`,
    },
    outcomes: {
      notFound: ['TikTok の投稿がまだ見つかりません。しばらくしてからもう一度お試しください。'],
      error: ['問題が発生しました。もう一度お試しください。'],
      success: ['TikTok の投稿を取得し、承認のために提出しました。'],
    },
  },
};
for (const lang of LANGUAGES) WORDS[lang].portalStatus ??= WORDS[lang].status;

/**
 * Text of a status spec in a language. spec: { key, task? } or { text } (verbatim).
 * @param {any} spec @param {any} words @param {'impact'|'brand-portal'} style
 */
export function statusText(spec, words, style = 'impact') {
  if (spec.text != null) return spec.text;
  const table = style === 'brand-portal' ? words.portalStatus : words.status;
  const w = table[spec.key];
  return typeof w === 'function' ? w(spec.task ?? '') : w;
}

/** English status text (scenario.mjs wording) → a status spec, so other languages can word it. */
export function parseStatus(text) {
  const simple = { 'Not started': 'notStarted', 'In progress': 'inProgress', 'Awaiting submission': 'awaitingSubmission', 'Awaiting review': 'awaitingReview', Completed: 'completed' };
  if (simple[text]) return { key: simple[text] };
  let m;
  if ((m = text.match(/^Waiting for (.+)$/))) return { key: 'waitingFor', task: m[1] };
  if ((m = text.match(/^(.+) pending approval$/))) return { key: 'pendingApproval', task: m[1] };
  if ((m = text.match(/^(.+) approved$/i))) return { key: 'approved', task: m[1] };
  if ((m = text.match(/^(.+) rejected$/i))) return { key: 'rejected', task: m[1] };
  return { text };
}
