import { defineMessages } from './define.ts';

/**
 * The accessibility statement, under the headings Digg's template for websites uses (lag (2018:1937) om
 * tillgänglighet till digital offentlig service). The Swedish text is the statement; the others translate it.
 */
export const accessibilityMessages = defineMessages({
  sv: {
    title: 'Tillgänglighetsredogörelse',
    intro:
      'Här beskriver vi hur webbplatsen Delaktig följer lagen (2018:1937) om tillgänglighet till digital offentlig service, vilka kända tillgänglighetsproblem som finns och hur du kan rapportera brister till oss så att vi kan åtgärda dem.',
    scope:
      'Redogörelsen gäller Delaktig på {url}: de offentliga sidorna om kommunernas integrationsarbete på sex språk, de öppna data och personalens arbetsyta efter inloggning. Innehållet skrivs av kommunerna. Webbplatsen drivs av den organisation du når på {contact}.',
    howTitle: 'Hur tillgänglig är webbplatsen?',
    howText:
      'Vi vet att delar av webbplatsen inte är helt tillgängliga. Se avsnittet om innehåll som inte är tillgängligt nedan. De offentliga sidorna fungerar utan JavaScript.',
    alternativesTitle: 'Vad kan du göra om du inte kan använda delar av webbplatsen?',
    alternativesText:
      'Om du behöver innehåll från webbplatsen i ett annat format, till exempel en rapport som vanlig text i stället för PDF, kontakta oss på {contact}. Allt som finns i rapporterna finns också som webbsidor och som öppna data.',
    reportTitle: 'Rapportera brister i webbplatsens tillgänglighet',
    reportText:
      'Vi strävar efter att förbättra webbplatsens tillgänglighet. Om du upptäcker problem som inte beskrivs på den här sidan, eller om du anser att vi inte uppfyller lagens krav, meddela oss på {contact} så att vi får veta att problemet finns. Skriv gärna vilken sida det gäller.',
    supervisionTitle: 'Tillsyn',
    supervisionText:
      'Myndigheten för digital förvaltning (Digg) har ansvaret för tillsyn över lagen om tillgänglighet till digital offentlig service. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du kontakta Digg och påtala det.',
    supervisionLink: 'Anmäl bristande tillgänglighet till Digg',
    technicalTitle: 'Teknisk information om webbplatsens tillgänglighet',
    technicalText:
      'Den här webbplatsen är delvis förenlig med lagen om tillgänglighet till digital offentlig service, på grund av de brister som beskrivs nedan. Kraven är standarden EN 301 549, som bygger på WCAG 2.1 nivå AA.',
    inaccessibleTitle: 'Innehåll som inte är tillgängligt',
    nonComplianceTitle: 'Bristande förenlighet med lagkraven',
    issuePdf:
      'Rapporterna till nämnden som systemet skapar som PDF och Word är inte granskade för tillgänglighet: rubriker, läsordning och taggar kan brista (WCAG 1.3.1, 1.3.2). Samma uppgifter finns som tillgängliga webbsidor och öppna data.',
    issueScreenReader:
      'Webbplatsen är inte testad med skärmläsare (NVDA, JAWS, VoiceOver, TalkBack). Brister som bara märks med skärmläsare kan därför finnas kvar.',
    limitationsTitle: 'Andra kända begränsningar',
    limitStaff:
      'Personalens arbetsyta finns bara på svenska och engelska. De offentliga sidorna finns på svenska, engelska, arabiska, tigrinja, somaliska och dari.',
    limitLocal:
      'Text som kommunerna skrivit (planernas punkter, aktiviteter, vägledning för nyanlända) finns ofta bara på svenska. Den är märkt som svenska, så att skärmläsare läser den med rätt röst, och en synlig notis säger att den inte är översatt.',
    burdenTitle: 'Oskäligt betungande anpassning',
    burdenText: 'Vi åberopar inte undantaget för oskäligt betungande anpassning (12 §) för något innehåll.',
    outOfScopeTitle: 'Innehåll som inte omfattas av lagkraven',
    outOfScopeText:
      'Filer som andra laddar upp, till exempel underlag i uppföljningen och föreningars ansökningar till integrationsfonden, är innehåll från tredje part som vi inte kontrollerar (9 §). Det gäller också de webbplatser vi länkar till.',
    testingTitle: 'Hur vi testat webbplatsen',
    testingText:
      'Vi har gjort en självskattning (intern testning). Varje automatiskt webbläsartest kör axe-core med reglerna för WCAG 2.1 A och AA på sidorna det besöker, och testet misslyckas om något fel hittas. Några av testerna använder bara tangentbordet, och sidorna testas också på språk som skrivs från höger till vänster (arabiska och dari). Automatiska tester hittar bara en del av alla brister, och tester med skärmläsare har inte gjorts ännu.',
    assessed: 'Senaste bedömningen gjordes den {date}.',
    updated: 'Redogörelsen uppdaterades senast den {date}.',
  },
  en: {
    title: 'Accessibility statement',
    intro:
      'This page describes how the website Delaktig complies with the Swedish Act (2018:1937) on accessibility to digital public services, which accessibility problems we know of, and how you can report shortcomings to us so that we can fix them.',
    scope:
      "The statement covers Delaktig at {url}: the public pages about the municipalities' integration work in six languages, the open data and the staff workspace after sign-in. The content is written by the municipalities. The website is run by the organisation you reach at {contact}.",
    howTitle: 'How accessible is the website?',
    howText:
      'We know that parts of the website are not fully accessible. See the section on content that is not accessible below. The public pages work without JavaScript.',
    alternativesTitle: 'What can you do if you cannot use parts of the website?',
    alternativesText:
      'If you need content from the website in another format, for example a report as plain text instead of PDF, contact us at {contact}. Everything in the reports is also available as web pages and as open data.',
    reportTitle: 'Report shortcomings in the accessibility of the website',
    reportText:
      'We strive to improve the accessibility of the website. If you find problems that are not described on this page, or if you think we do not meet the requirements of the law, let us know at {contact} so that we know the problem exists. Please say which page it concerns.',
    supervisionTitle: 'Enforcement',
    supervisionText:
      'The Agency for Digital Government (Digg) is responsible for enforcing the Act on accessibility to digital public services. If you are not satisfied with how we handle your comments, you can contact Digg and tell them.',
    supervisionLink: 'Report a lack of accessibility to Digg (in Swedish)',
    technicalTitle: 'Technical information about the accessibility of the website',
    technicalText:
      'This website is partially compliant with the Act on accessibility to digital public services, due to the shortcomings described below. The requirements are the standard EN 301 549, which builds on WCAG 2.1 level AA.',
    inaccessibleTitle: 'Content that is not accessible',
    nonComplianceTitle: 'Non-compliance with the requirements',
    issuePdf:
      'The reports to the board that the system creates as PDF and Word have not been checked for accessibility: headings, reading order and tags may be lacking (WCAG 1.3.1, 1.3.2). The same information is available as accessible web pages and open data.',
    issueScreenReader:
      'The website has not been tested with screen readers (NVDA, JAWS, VoiceOver, TalkBack). Shortcomings that only show with a screen reader may therefore remain.',
    limitationsTitle: 'Other known limitations',
    limitStaff:
      'The staff workspace is only available in Swedish and English. The public pages are available in Swedish, English, Arabic, Tigrinya, Somali and Dari.',
    limitLocal:
      'Text written by the municipalities (plan items, activities, guidance for newcomers) is often only in Swedish. It is marked as Swedish, so that screen readers read it with the right voice, and a visible note says it is not translated.',
    burdenTitle: 'Disproportionate burden',
    burdenText: 'We do not invoke the exemption for disproportionate burden (section 12) for any content.',
    outOfScopeTitle: 'Content not within the scope of the legislation',
    outOfScopeText:
      "Files uploaded by others, for example evidence in the follow-up and associations' applications to the integration fund, are third-party content that we do not control (section 9). This also applies to the websites we link to.",
    testingTitle: 'How we tested the website',
    testingText:
      'We have made a self-assessment (internal testing). Every automated browser test runs axe-core with the rules for WCAG 2.1 A and AA on the pages it visits, and the test fails if anything is found. Some of the tests use the keyboard only, and the pages are also tested in languages written right to left (Arabic and Dari). Automated tests find only some of all shortcomings, and tests with screen readers have not been done yet.',
    assessed: 'The latest assessment was made on {date}.',
    updated: 'The statement was last updated on {date}.',
  },
  ar: {
    title: 'بيان إمكانية الوصول',
    intro:
      'نصف هنا كيف يلتزم موقع Delaktig بالقانون السويدي (2018:1937) بشأن إمكانية الوصول إلى الخدمات العامة الرقمية، وما مشكلات إمكانية الوصول المعروفة لدينا، وكيف يمكنك إبلاغنا بأوجه القصور لكي نصلحها.',
    scope:
      'يشمل هذا البيان موقع Delaktig على {url}: الصفحات العامة عن عمل البلديات في الاندماج بست لغات، والبيانات المفتوحة، ومساحة عمل الموظفين بعد تسجيل الدخول. تكتب البلديات المحتوى. تدير الموقع الجهة التي تصل إليها عبر {contact}.',
    howTitle: 'ما مدى إمكانية الوصول إلى الموقع؟',
    howText:
      'نعلم أن أجزاء من الموقع ليست متاحة بالكامل. انظر القسم الخاص بالمحتوى غير المتاح أدناه. تعمل الصفحات العامة من دون جافاسكربت.',
    alternativesTitle: 'ماذا تفعل إذا لم تستطع استخدام أجزاء من الموقع؟',
    alternativesText:
      'إذا احتجت محتوى من الموقع بصيغة أخرى، مثل تقرير كنص عادي بدلاً من PDF، فاتصل بنا على {contact}. كل ما في التقارير متوفر أيضاً كصفحات ويب وكبيانات مفتوحة.',
    reportTitle: 'أبلغ عن قصور في إمكانية الوصول إلى الموقع',
    reportText:
      'نسعى إلى تحسين إمكانية الوصول إلى الموقع. إذا وجدت مشكلات غير موصوفة في هذه الصفحة، أو رأيت أننا لا نستوفي متطلبات القانون، فأخبرنا على {contact} لكي نعرف بوجود المشكلة. اذكر من فضلك الصفحة المعنية.',
    supervisionTitle: 'الرقابة',
    supervisionText:
      'الوكالة السويدية للإدارة الرقمية (Digg) مسؤولة عن الرقابة على قانون إمكانية الوصول إلى الخدمات العامة الرقمية. إذا لم تكن راضياً عن طريقة تعاملنا مع ملاحظاتك، يمكنك التواصل مع Digg وإبلاغها.',
    supervisionLink: 'أبلغ Digg عن نقص في إمكانية الوصول (بالسويدية)',
    technicalTitle: 'معلومات تقنية عن إمكانية الوصول إلى الموقع',
    technicalText:
      'هذا الموقع متوافق جزئياً مع قانون إمكانية الوصول إلى الخدمات العامة الرقمية، بسبب أوجه القصور الموصوفة أدناه. المتطلبات هي المعيار EN 301 549 المبني على WCAG 2.1 المستوى AA.',
    inaccessibleTitle: 'محتوى غير متاح',
    nonComplianceTitle: 'عدم التوافق مع المتطلبات',
    issuePdf:
      'التقارير المقدمة إلى اللجنة التي ينشئها النظام بصيغتي PDF وWord لم تُفحص من حيث إمكانية الوصول: قد تكون العناوين وترتيب القراءة والوسوم ناقصة (WCAG 1.3.1، 1.3.2). المعلومات نفسها متوفرة كصفحات ويب متاحة وكبيانات مفتوحة.',
    issueScreenReader:
      'لم يُختبر الموقع بقارئات الشاشة (NVDA وJAWS وVoiceOver وTalkBack). لذلك قد تبقى أوجه قصور لا تظهر إلا مع قارئ الشاشة.',
    limitationsTitle: 'قيود أخرى معروفة',
    limitStaff:
      'مساحة عمل الموظفين متوفرة بالسويدية والإنجليزية فقط. الصفحات العامة متوفرة بالسويدية والإنجليزية والعربية والتغرينية والصومالية والدرية.',
    limitLocal:
      'النصوص التي تكتبها البلديات (بنود الخطط، الأنشطة، إرشادات القادمين الجدد) غالباً بالسويدية فقط. وهي معلَّمة على أنها سويدية، لكي تقرأها قارئات الشاشة بالصوت الصحيح، وتقول ملاحظة ظاهرة إنها غير مترجمة.',
    burdenTitle: 'عبء غير متناسب',
    burdenText: 'لا نستند إلى الاستثناء الخاص بالعبء غير المتناسب (المادة 12) لأي محتوى.',
    outOfScopeTitle: 'محتوى لا يشمله القانون',
    outOfScopeText:
      'الملفات التي يرفعها آخرون، مثل مستندات المتابعة وطلبات الجمعيات إلى صندوق الاندماج، هي محتوى من طرف ثالث لا نتحكم فيه (المادة 9). وينطبق ذلك أيضاً على المواقع التي نربط إليها.',
    testingTitle: 'كيف اختبرنا الموقع',
    testingText:
      'أجرينا تقييماً ذاتياً (اختباراً داخلياً). يشغّل كل اختبار آلي في المتصفح أداة axe-core بقواعد WCAG 2.1 المستويين A وAA على الصفحات التي يزورها، ويفشل الاختبار إذا وُجد أي خطأ. تستخدم بعض الاختبارات لوحة المفاتيح وحدها، وتُختبر الصفحات أيضاً باللغات التي تُكتب من اليمين إلى اليسار (العربية والدرية). الاختبارات الآلية تجد جزءاً فقط من أوجه القصور، ولم تُجرَ بعد اختبارات بقارئات الشاشة.',
    assessed: 'أُجري آخر تقييم في {date}.',
    updated: 'حُدِّث البيان آخر مرة في {date}.',
  },
  ti: {
    title: 'መግለጺ ተበጻሕነት',
    intro:
      'ኣብዚ መርበብ ሓበሬታ Delaktig ንሕጊ ሽወደን (2018:1937) ብዛዕባ ተበጻሕነት ዲጂታላዊ ህዝባዊ ኣገልግሎት ከመይ ከም ዝኽተል፡ ኣየኖት ፍሉጣት ጸገማት ተበጻሕነት ከም ዘለዉን፡ ክንዕርዮም ምእንቲ ጉድለታት ከመይ ጌርካ ክትሕብረና ከም እትኽእልን ንገልጽ።',
    scope:
      'እዚ መግለጺ ንDelaktig ኣብ {url} ይምልከት፦ ብዛዕባ ስራሕ ምውህሃድ ናይ ምምሕዳራት ብሽዱሽተ ቋንቋታት ዘለዉ ህዝባዊ ገጻት፡ ክፉት ሓበሬታን ድሕሪ ምእታው ዘሎ ቦታ ስራሕ ሰራሕተኛታትን። እቲ ትሕዝቶ ብምምሕዳራት ይጽሓፍ። እቲ መርበብ ሓበሬታ ብቲ ኣብ {contact} እትረኽቦ ትካል ይመሓደር።',
    howTitle: 'እቲ መርበብ ሓበሬታ ክሳብ ክንደይ ተበጻሒ እዩ?',
    howText: 'ገለ ክፋላት ናይቲ መርበብ ሓበሬታ ምሉእ ብምሉእ ተበጻሕቲ ከም ዘይኮኑ ንፈልጥ። ኣብ ታሕቲ ዘሎ ክፍሊ ብዛዕባ ዘይተበጻሒ ትሕዝቶ ርአ። እቶም ህዝባዊ ገጻት ብዘይ JavaScript ይሰርሑ።',
    alternativesTitle: 'ገለ ክፋላት ናይቲ መርበብ ሓበሬታ ክትጥቀም እንተ ዘይከኣልካ እንታይ ክትገብር ትኽእል?',
    alternativesText:
      'ካብቲ መርበብ ሓበሬታ ትሕዝቶ ብኻልእ ቅርጺ እንተ ደሊኻ፡ ንኣብነት ጸብጻብ ኣብ ክንዲ PDF ከም ተራ ጽሑፍ፡ ኣብ {contact} ተወከሰና። ኣብቶም ጸብጻባት ዘሎ ኩሉ ከም ገጻት መርበብን ክፉት ሓበሬታን እውን ይርከብ።',
    reportTitle: 'ጉድለታት ተበጻሕነት ናይቲ መርበብ ሓበሬታ ሕበር',
    reportText:
      'ተበጻሕነት ናይቲ መርበብ ሓበሬታ ከነመሓይሽ ንጽዕር። ኣብዚ ገጽ ዘይተገልጹ ጸገማት እንተ ረኺብካ፡ ወይ ንጠለባት ናይቲ ሕጊ ከም ዘየማላእና እንተ ሓሲብካ፡ እቲ ጸገም ከም ዘሎ ምእንቲ ክንፈልጥ ኣብ {contact} ሕበረና። በጃኻ ኣየናይ ገጽ ምዃኑ ጽሓፍ።',
    supervisionTitle: 'ቁጽጽር',
    supervisionText:
      'ኤጀንሲ ዲጂታላዊ ምምሕዳር (Digg) ንሕጊ ተበጻሕነት ዲጂታላዊ ህዝባዊ ኣገልግሎት ናይ ምቁጽጻር ሓላፍነት ኣለዎ። ብኣተሓሕዛና ርእይቶኻ እንተ ዘይዓጊብካ፡ ንDigg ተወኪስካ ክትሕብር ትኽእል።',
    supervisionLink: 'ጉድለት ተበጻሕነት ናብ Digg ሕበር (ብሽወድን)',
    technicalTitle: 'ቴክኒካዊ ሓበሬታ ብዛዕባ ተበጻሕነት ናይቲ መርበብ ሓበሬታ',
    technicalText:
      'እዚ መርበብ ሓበሬታ ብሰንኪ እቶም ኣብ ታሕቲ ዝተገልጹ ጉድለታት፡ ምስ ሕጊ ተበጻሕነት ዲጂታላዊ ህዝባዊ ኣገልግሎት ብኸፊል ዝሰማማዕ እዩ። እቶም ጠለባት እቲ ኣብ WCAG 2.1 ደረጃ AA ዝተመስረተ መለክዒ EN 301 549 እዮም።',
    inaccessibleTitle: 'ዘይተበጻሒ ትሕዝቶ',
    nonComplianceTitle: 'ምስ ጠለባት ዘይምስምማዕ',
    issuePdf:
      'እቲ ስርዓት ብPDFን Wordን ዝፈጥሮም ጸብጻባት ንኮሚቴ ንተበጻሕነት ኣይተመርመሩን፦ ኣርእስትታት፡ ስርዓት ምንባብን ምልክታትን ክጎድሉ ይኽእሉ (WCAG 1.3.1፡ 1.3.2)። ተመሳሳሊ ሓበሬታ ከም ተበጻሕቲ ገጻት መርበብን ክፉት ሓበሬታን ይርከብ።',
    issueScreenReader: 'እቲ መርበብ ሓበሬታ ብኣንበብቲ ስክሪን (NVDA፡ JAWS፡ VoiceOver፡ TalkBack) ኣይተፈተነን። ስለዚ ብኣንባቢ ስክሪን ጥራይ ዝረኣዩ ጉድለታት ክተርፉ ይኽእሉ።',
    limitationsTitle: 'ካልኦት ፍሉጣት ደረታት',
    limitStaff: 'ቦታ ስራሕ ሰራሕተኛታት ብሽወድንን እንግሊዝኛን ጥራይ ይርከብ። ህዝባዊ ገጻት ብሽወድን፡ እንግሊዝኛ፡ ዓረብ፡ ትግርኛ፡ ሶማልኛን ዳሪን ይርከቡ።',
    limitLocal:
      'ብምምሕዳራት ዝተጻሕፈ ጽሑፍ (ነጥብታት መደባት፡ ንጥፈታት፡ መምርሒ ንሓደሽቲ መጻእተኛታት) መብዛሕትኡ ግዜ ብሽወድን ጥራይ እዩ። ኣንበብቲ ስክሪን ብቅኑዕ ድምጺ ምእንቲ ከንብብዎ ከም ሽወድን ተመልኪቱ ኣሎ፡ ከምኡ እውን ከም ዘይተተርጎመ ዝገልጽ ዝርአ መዘኻኸሪ ኣሎ።',
    burdenTitle: 'ዘይመጣጠን ጾር',
    burdenText: 'ንዝኾነ ትሕዝቶ ነቲ ናይ ዘይመጣጠን ጾር ምግላል (ዓንቀጽ 12) ኣይንጠቕሶን።',
    outOfScopeTitle: 'ብሕጊ ዘይሽፈን ትሕዝቶ',
    outOfScopeText:
      'ካልኦት ዝጽዕንዎም ፋይላት፡ ንኣብነት ሰነዳት ክትትልን ናብ ፈንዲ ምውህሃድ ዝቐረቡ ሕቶታት ማሕበራትን፡ ዘይንቆጻጸሮ ትሕዝቶ ሳልሳይ ወገን እዮም (ዓንቀጽ 9)። እዚ ንዘተኣሳሰርናዮም መርበባት ሓበሬታ እውን ይምልከት።',
    testingTitle: 'ነቲ መርበብ ሓበሬታ ከመይ ፈቲንናዮ',
    testingText:
      'ናይ ባዕልና ገምጋም (ውሽጣዊ ፈተነ) ገይርና። ነፍሲ ወከፍ ኣውቶማቲክ ፈተነ መርበብ axe-core ብሕግታት WCAG 2.1 A ን AA ን ኣብቶም ዝበጽሖም ገጻት የካይድ፡ ጌጋ እንተ ተረኺቡ ድማ እቲ ፈተነ ይፈሽል። ገለ ካብቶም ፈተነታት መጽሓፊ ሰሌዳ ጥራይ ይጥቀሙ፡ እቶም ገጻት ድማ ካብ የማን ናብ ጸጋም ብዝጽሓፉ ቋንቋታት (ዓረብን ዳሪን) እውን ይፍተኑ። ኣውቶማቲክ ፈተነታት ክፋል ጉድለታት ጥራይ ይረኽቡ፡ ፈተነታት ብኣንበብቲ ስክሪን ድማ ክሳብ ሕጂ ኣይተገብሩን።',
    assessed: 'ናይ መወዳእታ ገምጋም ኣብ {date} ተገይሩ።',
    updated: 'እቲ መግለጺ ናይ መወዳእታ ግዜ ኣብ {date} ተሓዲሱ።',
  },
  so: {
    title: 'Bayaanka helitaanka',
    intro:
      'Halkan waxaan ku sharraxaynaa sida bogga internetka Delaktig u raaco sharciga Iswiidhan (2018:1937) ee helitaanka adeegyada dadweynaha ee dhijitaalka ah, dhibaatooyinka helitaanka ee aan ognahay, iyo sida aad noogu soo sheegi karto cilladaha si aan u hagaajinno.',
    scope:
      'Bayaankani wuxuu khuseeyaa Delaktig ee {url}: boggaga dadweynaha ee ku saabsan shaqada is-dhexgalka ee degmooyinka oo ku qoran lix luqadood, xogta furan iyo goobta shaqada ee shaqaalaha marka la galo. Nuxurka waxaa qora degmooyinka. Bogga waxaa maamusha hay’adda aad ka heli karto {contact}.',
    howTitle: 'Intee le’eg ayuu bogga u yahay mid la heli karo?',
    howText:
      'Waxaan ognahay in qaybo ka mid ah bogga aysan si buuxda loo heli karin. Eeg qaybta hoose ee ku saabsan nuxurka aan la heli karin. Boggaga dadweynaha waxay ku shaqeeyaan JavaScript la’aan.',
    alternativesTitle: 'Maxaad samayn kartaa haddii aadan isticmaali karin qaybo ka mid ah bogga?',
    alternativesText:
      'Haddii aad u baahan tahay nuxur bogga ka mid ah oo qaab kale ah, tusaale ahaan warbixin qoraal caadi ah halkii PDF, nagala soo xiriir {contact}. Wax kasta oo warbixinnada ku jira waxay sidoo kale u yaalliin bogag internet iyo xog furan.',
    reportTitle: 'Soo sheeg cilladaha helitaanka bogga',
    reportText:
      'Waxaan ku dadaalnaa inaan hagaajinno helitaanka bogga. Haddii aad aragto dhibaatooyin aan boggan lagu sharraxin, ama aad u malaynayso inaanan buuxin shuruudaha sharciga, noogu soo sheeg {contact} si aan u ogaanno in dhibaatadu jirto. Fadlan qor bogga ay khusayso.',
    supervisionTitle: 'Kormeer',
    supervisionText:
      'Hay’adda Maamulka Dhijitaalka (Digg) ayaa mas’uul ka ah kormeerka sharciga helitaanka adeegyada dadweynaha ee dhijitaalka ah. Haddii aadan ku qanacsanayn sida aan u maaraynno fikradahaaga, waxaad la xiriiri kartaa Digg oo u sheegi kartaa.',
    supervisionLink: 'U sheeg Digg helitaan la’aanta (af iswiidhish)',
    technicalTitle: 'Macluumaad farsamo oo ku saabsan helitaanka bogga',
    technicalText:
      'Boggani qayb ahaan ayuu u waafaqsan yahay sharciga helitaanka adeegyada dadweynaha ee dhijitaalka ah, sababtoo ah cilladaha hoos lagu sharraxay. Shuruuduhu waa heerka EN 301 549, oo ku dhisan WCAG 2.1 heerka AA.',
    inaccessibleTitle: 'Nuxur aan la heli karin',
    nonComplianceTitle: 'Waafaqsanaan la’aanta shuruudaha',
    issuePdf:
      'Warbixinnada guddiga ee nidaamku u sameeyo PDF iyo Word looma hubin helitaanka: cinwaannada, habka akhriska iyo calaamadaha ayaa laga yaabaa inay dhiman yihiin (WCAG 1.3.1, 1.3.2). Isla macluumaadka waxay u yaalliin bogag internet oo la heli karo iyo xog furan.',
    issueScreenReader:
      'Bogga laguma tijaabin akhristayaasha shaashadda (NVDA, JAWS, VoiceOver, TalkBack). Sidaas darteed cilladaha kaliya ka muuqda akhriste shaashadeed ayaa laga yaabaa inay weli jiraan.',
    limitationsTitle: 'Xaddidaadyo kale oo la yaqaan',
    limitStaff:
      'Goobta shaqada ee shaqaalaha waxay ku jirtaa iswiidhish iyo ingiriisi oo kaliya. Boggaga dadweynaha waxay ku jiraan iswiidhish, ingiriisi, carabi, tigrinya, soomaali iyo dari.',
    limitLocal:
      'Qoraalka ay degmooyinku qoraan (qodobada qorshayaasha, hawlaha, hagidda dadka cusub) badanaa waa iswiidhish oo kaliya. Waxaa loo calaamadeeyay iswiidhish, si akhristayaasha shaashaddu ugu akhriyaan cod sax ah, waxaana jira ogeysiis muuqda oo sheegaya in aan la turjumin.',
    burdenTitle: 'Culays aan macquul ahayn',
    burdenText: 'Nuxur kasta uma adeegsanno ka dhaafitaanka culayska aan macquulka ahayn (qodobka 12).',
    outOfScopeTitle: 'Nuxur aan sharcigu khusayn',
    outOfScopeText:
      'Faylasha ay dad kale soo geliyaan, tusaale ahaan caddaynta dabagalka iyo codsiyada ururrada ee sanduuqa is-dhexgalka, waa nuxur dhinac saddexaad oo aanan xakameyn (qodobka 9). Tani waxay sidoo kale khusaysaa boggaga aan ku xirno.',
    testingTitle: 'Sida aan u tijaabinnay bogga',
    testingText:
      'Waxaan samaynay qiimayn is-qiimayn ah (tijaabin gudaha ah). Tijaabo kasta oo biraawsar oo toos ah waxay ku socodsiisaa axe-core xeerarka WCAG 2.1 A iyo AA boggaga ay booqato, tijaabaduna way fashilantaa haddii wax la helo. Tijaabooyinka qaarkood waxay isticmaalaan kiiboodhka oo kaliya, boggaggana waxaa sidoo kale lagu tijaabiyaa luqadaha laga qoro midig ilaa bidix (carabi iyo dari). Tijaabooyinka tooska ah waxay helaan qayb kaliya oo cilladaha ka mid ah, tijaabooyin akhristayaasha shaashadda weli lama samayn.',
    assessed: 'Qiimaynta ugu dambeysay waxaa la sameeyay {date}.',
    updated: 'Bayaanka waxaa markii ugu dambeysay la cusboonaysiiyay {date}.',
  },
  prs: {
    title: 'بیانیهٔ دسترسی‌پذیری',
    intro:
      'در اینجا شرح می‌دهیم که وب‌سایت Delaktig چگونه از قانون سویدن (2018:1937) دربارهٔ دسترسی‌پذیری خدمات عامهٔ دیجیتال پیروی می‌کند، کدام مشکلات دسترسی‌پذیری را می‌شناسیم و چگونه می‌توانید کمبودها را به ما گزارش دهید تا آن‌ها را رفع کنیم.',
    scope:
      'این بیانیه Delaktig را در {url} در بر می‌گیرد: صفحات عمومی دربارهٔ کار ادغام شاروالی‌ها به شش زبان، معلومات باز و فضای کاری کارمندان پس از ورود. محتوا را شاروالی‌ها می‌نویسند. وب‌سایت را نهادی اداره می‌کند که از طریق {contact} به آن دسترسی دارید.',
    howTitle: 'وب‌سایت تا چه اندازه دسترسی‌پذیر است؟',
    howText:
      'می‌دانیم که بخش‌هایی از وب‌سایت کاملاً دسترسی‌پذیر نیستند. بخش محتوای غیرقابل دسترس را در پایین ببینید. صفحات عمومی بدون جاوااسکریپت کار می‌کنند.',
    alternativesTitle: 'اگر نتوانید از بخش‌هایی از وب‌سایت استفاده کنید چه می‌توانید بکنید؟',
    alternativesText:
      'اگر محتوایی از وب‌سایت را در قالب دیگری لازم دارید، مثلاً گزارشی به صورت متن ساده به جای PDF، با ما از طریق {contact} تماس بگیرید. همهٔ آنچه در گزارش‌هاست به صورت صفحات وب و معلومات باز نیز موجود است.',
    reportTitle: 'گزارش کمبودهای دسترسی‌پذیری وب‌سایت',
    reportText:
      'ما می‌کوشیم دسترسی‌پذیری وب‌سایت را بهتر کنیم. اگر مشکلاتی یافتید که در این صفحه شرح داده نشده، یا فکر می‌کنید که الزامات قانون را برآورده نمی‌کنیم، از طریق {contact} به ما خبر دهید تا از وجود مشکل آگاه شویم. لطفاً بنویسید کدام صفحه است.',
    supervisionTitle: 'نظارت',
    supervisionText:
      'ادارهٔ حکومتداری دیجیتال (Digg) مسئول نظارت بر قانون دسترسی‌پذیری خدمات عامهٔ دیجیتال است. اگر از نحوهٔ رسیدگی ما به نظرات خود راضی نیستید، می‌توانید با Digg تماس بگیرید و موضوع را مطرح کنید.',
    supervisionLink: 'گزارش کمبود دسترسی‌پذیری به Digg (به زبان سویدنی)',
    technicalTitle: 'معلومات فنی دربارهٔ دسترسی‌پذیری وب‌سایت',
    technicalText:
      'این وب‌سایت به دلیل کمبودهایی که در پایین شرح داده شده، تا اندازه‌ای با قانون دسترسی‌پذیری خدمات عامهٔ دیجیتال سازگار است. الزامات، معیار EN 301 549 است که بر پایهٔ WCAG 2.1 سطح AA ساخته شده.',
    inaccessibleTitle: 'محتوای غیرقابل دسترس',
    nonComplianceTitle: 'ناسازگاری با الزامات',
    issuePdf:
      'گزارش‌هایی که سیستم برای کمیته به صورت PDF و Word می‌سازد از نظر دسترسی‌پذیری بررسی نشده‌اند: عنوان‌ها، ترتیب خواندن و برچسب‌ها ممکن است ناقص باشند (WCAG 1.3.1، 1.3.2). همین معلومات به صورت صفحات وب دسترسی‌پذیر و معلومات باز موجود است.',
    issueScreenReader:
      'وب‌سایت با صفحه‌خوان‌ها (NVDA، JAWS، VoiceOver، TalkBack) آزمایش نشده است. بنابراین کمبودهایی که فقط با صفحه‌خوان دیده می‌شوند ممکن است باقی مانده باشند.',
    limitationsTitle: 'محدودیت‌های شناخته‌شدهٔ دیگر',
    limitStaff: 'فضای کاری کارمندان فقط به سویدنی و انگلیسی است. صفحات عمومی به سویدنی، انگلیسی، عربی، تگرینیا، سومالیایی و دری موجود است.',
    limitLocal:
      'متنی که شاروالی‌ها می‌نویسند (بندهای پلان، فعالیت‌ها، راهنمایی برای تازه‌واردان) اغلب فقط به سویدنی است. این متن به عنوان سویدنی نشانه‌گذاری شده تا صفحه‌خوان‌ها آن را با صدای درست بخوانند، و یادداشتی قابل دید می‌گوید که ترجمه نشده است.',
    burdenTitle: 'بار نامتناسب',
    burdenText: 'ما برای هیچ محتوایی به استثنای بار نامتناسب (مادهٔ ۱۲) استناد نمی‌کنیم.',
    outOfScopeTitle: 'محتوایی که قانون شامل آن نمی‌شود',
    outOfScopeText:
      'فایل‌هایی که دیگران بارگذاری می‌کنند، مانند اسناد پیگیری و درخواست‌های انجمن‌ها به صندوق ادغام، محتوای شخص ثالث است که ما بر آن کنترل نداریم (مادهٔ ۹). این دربارهٔ وب‌سایت‌هایی که به آن‌ها لینک می‌دهیم نیز صدق می‌کند.',
    testingTitle: 'وب‌سایت را چگونه آزمایش کردیم',
    testingText:
      'ما یک خودارزیابی (آزمایش داخلی) انجام داده‌ایم. هر آزمایش خودکار مرورگر، axe-core را با قواعد WCAG 2.1 سطح A و AA روی صفحاتی که باز می‌کند اجرا می‌کند و اگر خطایی یافت شود آزمایش ناکام می‌شود. برخی از آزمایش‌ها فقط از صفحه‌کلید استفاده می‌کنند، و صفحات به زبان‌هایی که از راست به چپ نوشته می‌شوند (عربی و دری) نیز آزمایش می‌شوند. آزمایش‌های خودکار فقط بخشی از کمبودها را می‌یابند و آزمایش با صفحه‌خوان هنوز انجام نشده است.',
    assessed: 'آخرین ارزیابی در {date} انجام شد.',
    updated: 'این بیانیه آخرین بار در {date} به‌روز شد.',
  },
});
