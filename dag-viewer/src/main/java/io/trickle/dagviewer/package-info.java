/**
 * A reusable JavaFX view of dependency graphs: any JGraphT {@code Graph<V,E>}, laid out in layers by ELK,
 * with strongly connected components drawn as boxes and node status shown through CSS style classes.
 * Nothing here knows the Trickle engine.
 */
package io.trickle.dagviewer;
