El gato duerme en la casa.
Los niños juegan en el parque.
Mi madre cocina una sopa caliente.
¿Dónde vive tu hermano?
No quiero café esta mañana.
La biblioteca abre a las nueve.
Compramos pan y queso en el mercado.
El tren llegó tarde ayer.
Ella escribe cartas a sus amigos.
¿Tienes una bicicleta nueva?
Mañana viajaremos a la montaña.
El perro negro corre en la playa.
Los estudiantes leen un libro largo.
Hace frío en el invierno.
Mi padre trabaja en un hospital.
¿Por qué no comes las manzanas?
Las flores del jardín son rojas.
Nosotros cantamos en la iglesia.
El médico ayuda a la mujer enferma.
Vosotros no bebisteis el vino.
