/**
 * The composition root: {@link io.trickle.desktop.app.Main}, the JavaFX application and
 * {@link io.trickle.desktop.app.CompositionRoot}, the only place that creates services, view models
 * and views and hands each its dependencies through constructors. Also the default perspectives and
 * the embedded demo server.
 */
package io.trickle.desktop.app;
