package bloom.nmt.corpus;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The Spanish-English lexicon of the synthetic corpus: a few hundred lemmas with every form the
 * grammar needs. Spanish verbs are conjugated by rule (-ar, -er, -ir; orthographic changes in the
 * first-person preterite; irregular future stems) unless a table overrides a tense.
 */
final class Lexicon {

    enum Gender { M, F }

    /** Semantic classes keep sentences plausible: people read letters, dogs do not. */
    enum Kind { PERSON, ANIMAL, FOOD, DRINK, TEXT, OBJECT, CONTAINER, VEHICLE, PLACE }

    enum Tense { PRESENT, PRETERITE, FUTURE }

    /**
     * @param mass uncountable: appears bare ("bebo agua" / "I drink water") or with a definite
     *             article, never with a number or an indefinite article
     */
    record Noun(String esSg, String esPl, Gender gender, String enSg, String enPl, Kind kind, boolean mass) {}

    /** @param kinds nouns it may describe; empty means any */
    record Adjective(String ms, String fs, String mp, String fp, String en, Set<Kind> kinds) {
        String form(Gender g, boolean plural) {
            return g == Gender.M ? (plural ? mp : ms) : (plural ? fp : fs);
        }

        boolean fits(Kind kind) {
            return kinds.isEmpty() || kinds.contains(kind);
        }
    }

    /**
     * A verb sense. Spanish forms are indexed [tense][person] with persons yo, tú, él/ella,
     * nosotros, vosotros, ellos. English is base form, third-person singular and past; a
     * multi-word base ("look for") takes do-support like any other.
     *
     * @param objects    object kinds for a transitive sense; empty for an intransitive one
     * @param humanOnly  subject must be a person (animals do not write letters)
     * @param personalA  the Spanish personal "a" before an animate object ("veo al perro")
     */
    record Verb(String infinitive, String[][] es, String enBase, String en3sg, String enPast,
                Set<Kind> objects, boolean humanOnly, boolean personalA) {
        boolean transitive() {
            return !objects.isEmpty();
        }
    }

    final List<Noun> nouns = new ArrayList<>();
    final List<Adjective> adjectives = new ArrayList<>();
    final List<Verb> verbs = new ArrayList<>();

    Lexicon() {
        people();
        animals();
        food();
        things();
        places();
        adjectives();
        verbs();
    }

    int lemmaCount() {
        return nouns.size() + adjectives.size() + verbs.size();
    }

    // ---------------------------------------------------------------- nouns

    private void noun(String esSg, String esPl, Gender g, String enSg, String enPl, Kind kind) {
        nouns.add(new Noun(esSg, esPl, g, enSg, enPl, kind, false));
    }

    private void mass(String es, Gender g, String en, Kind kind) {
        nouns.add(new Noun(es, es, g, en, en, kind, true));
    }

    private void people() {
        Gender m = Gender.M, f = Gender.F;
        Kind p = Kind.PERSON;
        noun("niño", "niños", m, "boy", "boys", p);
        noun("niña", "niñas", f, "girl", "girls", p);
        noun("hombre", "hombres", m, "man", "men", p);
        noun("mujer", "mujeres", f, "woman", "women", p);
        noun("maestro", "maestros", m, "teacher", "teachers", p);
        noun("maestra", "maestras", f, "teacher", "teachers", p);
        noun("médico", "médicos", m, "doctor", "doctors", p);
        noun("amigo", "amigos", m, "friend", "friends", p);
        noun("amiga", "amigas", f, "friend", "friends", p);
        noun("hermano", "hermanos", m, "brother", "brothers", p);
        noun("hermana", "hermanas", f, "sister", "sisters", p);
        noun("padre", "padres", m, "father", "fathers", p);
        noun("madre", "madres", f, "mother", "mothers", p);
        noun("abuelo", "abuelos", m, "grandfather", "grandfathers", p);
        noun("abuela", "abuelas", f, "grandmother", "grandmothers", p);
        noun("vecino", "vecinos", m, "neighbor", "neighbors", p);
        noun("vecina", "vecinas", f, "neighbor", "neighbors", p);
        noun("cocinero", "cocineros", m, "cook", "cooks", p);
        noun("rey", "reyes", m, "king", "kings", p);
        noun("reina", "reinas", f, "queen", "queens", p);
        noun("estudiante", "estudiantes", m, "student", "students", p);
        noun("señor", "señores", m, "gentleman", "gentlemen", p);
        noun("señora", "señoras", f, "lady", "ladies", p);
        noun("bebé", "bebés", m, "baby", "babies", p);
    }

    private void animals() {
        Gender m = Gender.M, f = Gender.F;
        Kind a = Kind.ANIMAL;
        noun("perro", "perros", m, "dog", "dogs", a);
        noun("gato", "gatos", m, "cat", "cats", a);
        noun("caballo", "caballos", m, "horse", "horses", a);
        noun("vaca", "vacas", f, "cow", "cows", a);
        noun("pájaro", "pájaros", m, "bird", "birds", a);
        noun("pez", "peces", m, "fish", "fish", a);
        noun("ratón", "ratones", m, "mouse", "mice", a);
        noun("oveja", "ovejas", f, "sheep", "sheep", a);
        noun("cerdo", "cerdos", m, "pig", "pigs", a);
        noun("conejo", "conejos", m, "rabbit", "rabbits", a);
        noun("gallina", "gallinas", f, "hen", "hens", a);
        noun("pato", "patos", m, "duck", "ducks", a);
        noun("oso", "osos", m, "bear", "bears", a);
        noun("león", "leones", m, "lion", "lions", a);
        noun("tigre", "tigres", m, "tiger", "tigers", a);
        noun("mono", "monos", m, "monkey", "monkeys", a);
        noun("serpiente", "serpientes", f, "snake", "snakes", a);
        noun("lobo", "lobos", m, "wolf", "wolves", a);
        noun("zorro", "zorros", m, "fox", "foxes", a);
        noun("elefante", "elefantes", m, "elephant", "elephants", a);
    }

    private void food() {
        Gender m = Gender.M, f = Gender.F;
        Kind fd = Kind.FOOD, dr = Kind.DRINK;
        noun("manzana", "manzanas", f, "apple", "apples", fd);
        noun("naranja", "naranjas", f, "orange", "oranges", fd);
        noun("pastel", "pasteles", m, "cake", "cakes", fd);
        noun("galleta", "galletas", f, "cookie", "cookies", fd);
        noun("huevo", "huevos", m, "egg", "eggs", fd);
        noun("plátano", "plátanos", m, "banana", "bananas", fd);
        noun("tomate", "tomates", m, "tomato", "tomatoes", fd);
        noun("zanahoria", "zanahorias", f, "carrot", "carrots", fd);
        noun("ensalada", "ensaladas", f, "salad", "salads", fd);
        noun("fresa", "fresas", f, "strawberry", "strawberries", fd);
        noun("pera", "peras", f, "pear", "pears", fd);
        noun("limón", "limones", m, "lemon", "lemons", fd);
        noun("sándwich", "sándwiches", m, "sandwich", "sandwiches", fd);
        mass("pan", m, "bread", fd);
        mass("queso", m, "cheese", fd);
        mass("arroz", m, "rice", fd);
        mass("pescado", m, "fish", fd);
        mass("carne", f, "meat", fd);
        mass("sopa", f, "soup", fd);
        mass("pollo", m, "chicken", fd);
        mass("leche", f, "milk", dr);
        mass("café", m, "coffee", dr);
        mass("té", m, "tea", dr);
        mass("jugo", m, "juice", dr);
        mass("vino", m, "wine", dr);
        mass("cerveza", f, "beer", dr);
        mass("limonada", f, "lemonade", dr);
    }

    private void things() {
        Gender m = Gender.M, f = Gender.F;
        Kind t = Kind.TEXT, o = Kind.OBJECT, c = Kind.CONTAINER, v = Kind.VEHICLE;
        noun("libro", "libros", m, "book", "books", t);
        noun("carta", "cartas", f, "letter", "letters", t);
        noun("periódico", "periódicos", m, "newspaper", "newspapers", t);
        noun("revista", "revistas", f, "magazine", "magazines", t);
        noun("mensaje", "mensajes", m, "message", "messages", t);
        noun("poema", "poemas", m, "poem", "poems", t);
        noun("novela", "novelas", f, "novel", "novels", t);
        noun("cuento", "cuentos", m, "story", "stories", t);
        noun("mapa", "mapas", m, "map", "maps", t);
        noun("examen", "exámenes", m, "exam", "exams", t);
        noun("lección", "lecciones", f, "lesson", "lessons", t);
        noun("mesa", "mesas", f, "table", "tables", o);
        noun("silla", "sillas", f, "chair", "chairs", o);
        noun("lámpara", "lámparas", f, "lamp", "lamps", o);
        noun("reloj", "relojes", m, "clock", "clocks", o);
        noun("teléfono", "teléfonos", m, "phone", "phones", o);
        noun("llave", "llaves", f, "key", "keys", o);
        noun("cama", "camas", f, "bed", "beds", o);
        noun("lápiz", "lápices", m, "pencil", "pencils", o);
        noun("pelota", "pelotas", f, "ball", "balls", o);
        noun("sombrero", "sombreros", m, "hat", "hats", o);
        noun("zapato", "zapatos", m, "shoe", "shoes", o);
        noun("camisa", "camisas", f, "shirt", "shirts", o);
        noun("vestido", "vestidos", m, "dress", "dresses", o);
        noun("cuchillo", "cuchillos", m, "knife", "knives", o);
        noun("vaso", "vasos", m, "glass", "glasses", o);
        noun("plato", "platos", m, "plate", "plates", o);
        noun("espejo", "espejos", m, "mirror", "mirrors", o);
        noun("computadora", "computadoras", f, "computer", "computers", o);
        noun("flor", "flores", f, "flower", "flowers", o);
        noun("guitarra", "guitarras", f, "guitar", "guitars", o);
        noun("cuadro", "cuadros", m, "painting", "paintings", o);
        noun("moneda", "monedas", f, "coin", "coins", o);
        noun("caja", "cajas", f, "box", "boxes", c);
        noun("puerta", "puertas", f, "door", "doors", c);
        noun("ventana", "ventanas", f, "window", "windows", c);
        noun("botella", "botellas", f, "bottle", "bottles", c);
        noun("bolsa", "bolsas", f, "bag", "bags", c);
        noun("maleta", "maletas", f, "suitcase", "suitcases", c);
        noun("cajón", "cajones", m, "drawer", "drawers", c);
        noun("coche", "coches", m, "car", "cars", v);
        noun("bicicleta", "bicicletas", f, "bicycle", "bicycles", v);
        noun("tren", "trenes", m, "train", "trains", v);
        noun("barco", "barcos", m, "boat", "boats", v);
        noun("avión", "aviones", m, "plane", "planes", v);
        noun("autobús", "autobuses", m, "bus", "buses", v);
    }

    private void places() {
        Gender m = Gender.M, f = Gender.F;
        Kind p = Kind.PLACE;
        noun("casa", "casas", f, "house", "houses", p);
        noun("escuela", "escuelas", f, "school", "schools", p);
        noun("parque", "parques", m, "park", "parks", p);
        noun("ciudad", "ciudades", f, "city", "cities", p);
        noun("mercado", "mercados", m, "market", "markets", p);
        noun("jardín", "jardines", m, "garden", "gardens", p);
        noun("playa", "playas", f, "beach", "beaches", p);
        noun("río", "ríos", m, "river", "rivers", p);
        noun("montaña", "montañas", f, "mountain", "mountains", p);
        noun("bosque", "bosques", m, "forest", "forests", p);
        noun("calle", "calles", f, "street", "streets", p);
        noun("cocina", "cocinas", f, "kitchen", "kitchens", p);
        noun("biblioteca", "bibliotecas", f, "library", "libraries", p);
        noun("iglesia", "iglesias", f, "church", "churches", p);
        noun("hospital", "hospitales", m, "hospital", "hospitals", p);
        noun("restaurante", "restaurantes", m, "restaurant", "restaurants", p);
        noun("tienda", "tiendas", f, "store", "stores", p);
        noun("oficina", "oficinas", f, "office", "offices", p);
        noun("museo", "museos", m, "museum", "museums", p);
        noun("pueblo", "pueblos", m, "village", "villages", p);
        noun("hotel", "hoteles", m, "hotel", "hotels", p);
        noun("granja", "granjas", f, "farm", "farms", p);
    }

    // ----------------------------------------------------------- adjectives

    /** Adjective in -o/-a/-os/-as. */
    private void adjO(String ms, String en, Kind... kinds) {
        String stem = ms.substring(0, ms.length() - 1);
        adjectives.add(new Adjective(ms, stem + "a", stem + "os", stem + "as", en, kinds(kinds)));
    }

    /** Adjective with one singular and one plural form for both genders. */
    private void adj2(String sg, String pl, String en, Kind... kinds) {
        adjectives.add(new Adjective(sg, sg, pl, pl, en, kinds(kinds)));
    }

    private static Set<Kind> kinds(Kind... kinds) {
        return kinds.length == 0 ? Set.of() : EnumSet.of(kinds[0], kinds);
    }

    private void adjectives() {
        Kind person = Kind.PERSON, animal = Kind.ANIMAL, food = Kind.FOOD, drink = Kind.DRINK;
        Kind text = Kind.TEXT, object = Kind.OBJECT, container = Kind.CONTAINER, vehicle = Kind.VEHICLE, place = Kind.PLACE;
        adjO("rojo", "red", animal, food, object, container, vehicle, text);
        adj2("azul", "azules", "blue", object, container, vehicle, text, animal);
        adj2("verde", "verdes", "green", food, object, container, vehicle, animal, place);
        adjO("negro", "black", animal, object, container, vehicle, text);
        adjO("blanco", "white", animal, object, container, vehicle, text, place);
        adjO("amarillo", "yellow", animal, food, object, container, vehicle, text);
        adj2("grande", "grandes", "big");
        adjO("pequeño", "small");
        adjO("nuevo", "new", text, object, container, vehicle, place);
        adjO("viejo", "old");
        adjO("bonito", "pretty");
        adjO("feo", "ugly", person, animal, object, container, vehicle, place);
        adjO("alto", "tall", person, animal, place);
        adjO("bajo", "short", person, animal);
        adjO("largo", "long", text, object, vehicle, place);
        adjO("caro", "expensive", food, drink, object, container, vehicle, text);
        adjO("barato", "cheap", food, drink, object, container, vehicle, text);
        adjO("limpio", "clean", person, animal, object, container, vehicle, place);
        adjO("sucio", "dirty", person, animal, object, container, vehicle, place);
        adj2("rápido", "rápidos", "fast", animal, vehicle);
        adjO("lento", "slow", animal, vehicle);
        adj2("fuerte", "fuertes", "strong", person, animal, drink);
        adj2("débil", "débiles", "weak", person, animal);
        adj2("dulce", "dulces", "sweet", food, drink);
        adjO("frío", "cold", food, drink, place);
        adj2("caliente", "calientes", "hot", food, drink);
        adj2("feliz", "felices", "happy", person, animal);
        adj2("triste", "tristes", "sad", person, animal);
        adjO("cansado", "tired", person, animal);
        adjO("enfermo", "sick", person, animal);
        adj2("joven", "jóvenes", "young", person, animal);
        adj2("inteligente", "inteligentes", "intelligent", person, animal);
        adjO("simpático", "nice", person);
        adjO("delgado", "thin", person, animal, text, object);
        adjO("gordo", "fat", person, animal);
        adjO("hermoso", "beautiful");
        adjO("antiguo", "ancient", text, object, container, place);
        adjO("moderno", "modern", object, vehicle, place);
        adjO("famoso", "famous", person, animal, text, place);
        adjO("tranquilo", "quiet", person, animal, place);
        adjO("ruidoso", "noisy", person, animal, vehicle, place);
        adjO("oscuro", "dark", object, container, place);
        adjO("pesado", "heavy", object, container, text);
        adjO("vacío", "empty", container, place);
        adjO("lleno", "full", container, place);
        adjO("redondo", "round", object, food, container);
        adjO("delicioso", "delicious", food, drink);
        adj2("salvaje", "salvajes", "wild", animal);
    }

    // ---------------------------------------------------------------- verbs

    private static final String[] AR_PRESENT = {"o", "as", "a", "amos", "áis", "an"};
    private static final String[] ER_PRESENT = {"o", "es", "e", "emos", "éis", "en"};
    private static final String[] IR_PRESENT = {"o", "es", "e", "imos", "ís", "en"};
    private static final String[] AR_PRETERITE = {"é", "aste", "ó", "amos", "asteis", "aron"};
    private static final String[] ER_IR_PRETERITE = {"í", "iste", "ió", "imos", "isteis", "ieron"};
    private static final String[] FUTURE = {"é", "ás", "á", "emos", "éis", "án"};

    /** Regular conjugation of a Spanish infinitive, with the -car/-gar/-zar spelling change in "yo" preterite. */
    static String[][] conjugate(String infinitive) {
        String stem = infinitive.substring(0, infinitive.length() - 2);
        String ending = infinitive.substring(infinitive.length() - 2).replace('í', 'i');
        String[] present = switch (ending) {
            case "ar" -> AR_PRESENT;
            case "er" -> ER_PRESENT;
            case "ir" -> IR_PRESENT;
            default -> throw new IllegalArgumentException("Not a Spanish infinitive: " + infinitive);
        };
        String[] preterite = ending.equals("ar") ? AR_PRETERITE : ER_IR_PRETERITE;
        String[][] forms = new String[3][6];
        for (int p = 0; p < 6; p++) {
            forms[0][p] = stem + present[p];
            forms[1][p] = stem + preterite[p];
            forms[2][p] = infinitive + FUTURE[p];
        }
        if (ending.equals("ar")) {
            if (stem.endsWith("c")) {
                forms[1][0] = stem.substring(0, stem.length() - 1) + "qué";
            } else if (stem.endsWith("g")) {
                forms[1][0] = stem + "ué";
            } else if (stem.endsWith("z")) {
                forms[1][0] = stem.substring(0, stem.length() - 1) + "cé";
            }
        }
        return forms;
    }

    private static String[] split(String forms) {
        String[] f = forms.split(" ");
        if (f.length != 6) {
            throw new IllegalArgumentException("Expected 6 persons: " + forms);
        }
        return f;
    }

    private final class VerbBuilder {
        final String infinitive;
        final String[][] es;
        String base, third, past;
        Set<Kind> objects = Set.of();
        boolean humanOnly;
        boolean personalA;

        VerbBuilder(String infinitive) {
            this.infinitive = infinitive;
            this.es = conjugate(infinitive);
        }

        VerbBuilder en(String base, String third, String past) {
            this.base = base;
            this.third = third;
            this.past = past;
            return this;
        }

        VerbBuilder present(String forms) {
            es[0] = split(forms);
            return this;
        }

        VerbBuilder preterite(String forms) {
            es[1] = split(forms);
            return this;
        }

        VerbBuilder futureStem(String stem) {
            for (int p = 0; p < 6; p++) {
                es[2][p] = stem + FUTURE[p];
            }
            return this;
        }

        VerbBuilder objects(Kind... kinds) {
            this.objects = kinds(kinds);
            return this;
        }

        VerbBuilder human() {
            this.humanOnly = true;
            return this;
        }

        VerbBuilder personalA() {
            this.personalA = true;
            return this;
        }

        void add() {
            verbs.add(new Verb(infinitive, es, base, third, past, objects, humanOnly, personalA));
        }
    }

    private VerbBuilder verb(String infinitive) {
        return new VerbBuilder(infinitive);
    }

    private void verbs() {
        Kind person = Kind.PERSON, animal = Kind.ANIMAL, food = Kind.FOOD, drink = Kind.DRINK;
        Kind text = Kind.TEXT, object = Kind.OBJECT, container = Kind.CONTAINER, vehicle = Kind.VEHICLE, place = Kind.PLACE;
        String leerPret = "leí leíste leyó leímos leísteis leyeron";

        // transitive senses
        verb("comer").en("eat", "eats", "ate").objects(food).add();
        verb("beber").en("drink", "drinks", "drank").objects(drink).add();
        verb("cocinar").en("cook", "cooks", "cooked").objects(food).human().add();
        verb("comprar").en("buy", "buys", "bought").objects(food, drink, object, text, vehicle, container).human().add();
        verb("vender").en("sell", "sells", "sold").objects(food, drink, object, text, vehicle, animal).human().add();
        verb("leer").en("read", "reads", "read").preterite(leerPret).objects(text).human().add();
        verb("escribir").en("write", "writes", "wrote").objects(text).human().add();
        verb("abrir").en("open", "opens", "opened").objects(container, text).human().add();
        verb("cerrar").en("close", "closes", "closed").present("cierro cierras cierra cerramos cerráis cierran")
                .objects(container, text).human().add();
        verb("ver").en("see", "sees", "saw").present("veo ves ve vemos veis ven")
                .preterite("vi viste vio vimos visteis vieron").objects(person, animal, object, vehicle, place, container).personalA().add();
        verb("mirar").en("watch", "watches", "watched").objects(person, animal, vehicle).personalA().add();
        verb("buscar").en("look for", "looks for", "looked for").objects(person, animal, object, text, container).personalA().add();
        verb("encontrar").en("find", "finds", "found").present("encuentro encuentras encuentra encontramos encontráis encuentran")
                .objects(person, animal, object, text, container).personalA().add();
        verb("llamar").en("call", "calls", "called").objects(person, animal).personalA().human().add();
        verb("ayudar").en("help", "helps", "helped").objects(person, animal).personalA().add();
        verb("visitar").en("visit", "visits", "visited").objects(person, place).personalA().human().add();
        verb("limpiar").en("clean", "cleans", "cleaned").objects(object, container, place, vehicle).human().add();
        verb("lavar").en("wash", "washes", "washed").objects(object, container, vehicle, animal).personalA().human().add();
        verb("tener").en("have", "has", "had").present("tengo tienes tiene tenemos tenéis tienen")
                .preterite("tuve tuviste tuvo tuvimos tuvisteis tuvieron").futureStem("tendr")
                .objects(object, container, animal, text, vehicle).add();
        verb("necesitar").en("need", "needs", "needed").objects(object, food, drink, text, vehicle, container).add();
        verb("querer").en("want", "wants", "wanted").present("quiero quieres quiere queremos queréis quieren")
                .preterite("quise quisiste quiso quisimos quisisteis quisieron").futureStem("querr")
                .objects(food, drink, object, vehicle, text, animal).add();
        verb("preparar").en("prepare", "prepares", "prepared").objects(food, drink).human().add();
        verb("pintar").en("paint", "paints", "painted").objects(object, container, vehicle, place).human().add();
        verb("romper").en("break", "breaks", "broke").objects(object, container).add();
        verb("usar").en("use", "uses", "used").objects(object, vehicle).human().add();
        verb("traer").en("bring", "brings", "brought").present("traigo traes trae traemos traéis traen")
                .preterite("traje trajiste trajo trajimos trajisteis trajeron").objects(food, drink, object, text).add();
        verb("escuchar").en("listen to", "listens to", "listened to").objects(person, animal).personalA().add();
        verb("conocer").en("know", "knows", "knew").present("conozco conoces conoce conocemos conocéis conocen")
                .objects(person, place).personalA().human().add();
        verb("olvidar").en("forget", "forgets", "forgot").objects(object, text, container).human().add();
        verb("perder").en("lose", "loses", "lost").present("pierdo pierdes pierde perdemos perdéis pierden")
                .objects(object, text, container, animal).human().add();
        verb("estudiar").en("study", "studies", "studied").objects(text).human().add();
        verb("esperar").en("wait for", "waits for", "waited for").objects(person, vehicle).personalA().add();
        verb("pagar").en("pay for", "pays for", "paid for").objects(food, drink, object, text, vehicle).human().add();
        verb("tocar").en("touch", "touches", "touched").objects(animal, object, container).personalA().add();
        verb("cortar").en("cut", "cuts", "cut").objects(food, object).human().add();
        verb("guardar").en("keep", "keeps", "kept").objects(object, text, food, container).human().add();
        verb("recibir").en("receive", "receives", "received").objects(text, object, container).human().add();
        verb("dibujar").en("draw", "draws", "drew").objects(animal, object, place, vehicle).human().add();
        verb("conducir").en("drive", "drives", "drove").present("conduzco conduces conduce conducimos conducís conducen")
                .preterite("conduje condujiste condujo condujimos condujisteis condujeron").objects(vehicle).human().add();
        verb("alimentar").en("feed", "feeds", "fed").objects(animal, person).personalA().human().add();
        verb("odiar").en("hate", "hates", "hated").objects(food, drink, animal, text).add();

        // intransitive senses (a location may follow)
        verb("correr").en("run", "runs", "ran").add();
        verb("caminar").en("walk", "walks", "walked").add();
        verb("dormir").en("sleep", "sleeps", "slept").present("duermo duermes duerme dormimos dormís duermen")
                .preterite("dormí dormiste durmió dormimos dormisteis durmieron").add();
        verb("trabajar").en("work", "works", "worked").human().add();
        verb("cantar").en("sing", "sings", "sang").human().add();
        verb("bailar").en("dance", "dances", "danced").human().add();
        verb("nadar").en("swim", "swims", "swam").add();
        verb("vivir").en("live", "lives", "lived").add();
        verb("jugar").en("play", "plays", "played").present("juego juegas juega jugamos jugáis juegan").add();
        verb("llegar").en("arrive", "arrives", "arrived").add();
        verb("viajar").en("travel", "travels", "traveled").human().add();
        verb("descansar").en("rest", "rests", "rested").add();
        verb("llorar").en("cry", "cries", "cried").human().add();
        verb("gritar").en("shout", "shouts", "shouted").human().add();
        verb("esperar").en("wait", "waits", "waited").add();
        verb("cenar").en("have dinner", "has dinner", "had dinner").human().add();
        verb("comer").en("eat", "eats", "ate").add();
        verb("leer").en("read", "reads", "read").preterite(leerPret).human().add();
        verb("estudiar").en("study", "studies", "studied").human().add();
        verb("cocinar").en("cook", "cooks", "cooked").human().add();
        verb("pensar").en("think", "thinks", "thought").present("pienso piensas piensa pensamos pensáis piensan").human().add();
        verb("sonreír").en("smile", "smiles", "smiled").present("sonrío sonríes sonríe sonreímos sonreís sonríen")
                .preterite("sonreí sonreíste sonrió sonreímos sonreísteis sonrieron").futureStem("sonreir").human().add();
        verb("salir").en("leave", "leaves", "left").present("salgo sales sale salimos salís salen").futureStem("saldr").add();
    }
}
