/**
 * A small Eclipse-RCP-style kit for JavaFX with no Trickle domain in it: perspectives, views in
 * stacks and splits, an editor area, one command registry behind menus, toolbar, context menus and
 * keys, undoable local edits, a selection service, a status bar and the jobs model.
 *
 * <h2>How a feature plugs in</h2>
 * <ul>
 *   <li><b>A view:</b> write {@code XxxView implements ViewPart} and its {@code XxxViewModel} in
 *   {@code desktop.views.xxx}; register the view in the composition root with
 *   {@link io.trickle.desktop.workbench.ViewRegistry#register} and the stack it prefers. It appears
 *   under Window ▸ Show View; name it in a perspective's default layout to show it from the start.</li>
 *   <li><b>A command:</b> add a constant to {@link io.trickle.desktop.workbench.CommandId} (text, icon,
 *   key, menu, toolbar) and register the view model's {@link io.trickle.desktop.workbench.WorkbenchCommand}
 *   under it. Menus and toolbar pick it up; views get buttons and context menus from
 *   {@link io.trickle.desktop.workbench.CommandControls}.</li>
 *   <li><b>A perspective:</b> register a {@link io.trickle.desktop.workbench.Perspective} whose default
 *   layout is written in {@link io.trickle.desktop.workbench.LayoutCodec}'s text; raise its layout
 *   version whenever that default changes.</li>
 *   <li><b>A local edit</b> (layout, editor text): an {@link io.trickle.desktop.workbench.UndoableEdit}
 *   performed through the {@link io.trickle.desktop.workbench.UndoManager}.</li>
 * </ul>
 * The kit must not import the engine, the services or the views (ArchitectureTest).
 */
package io.trickle.desktop.workbench;
