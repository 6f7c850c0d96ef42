/** Router-aware Mantine links: real <a href> elements (open in new tab, keyboard, screen readers). */
import { Anchor, Button, NavLink, type AnchorProps, type ButtonProps, type NavLinkProps } from '@mantine/core';
import { createLink, type LinkComponent } from '@tanstack/react-router';
import { forwardRef, type AnchorHTMLAttributes } from 'react';

type AnchorElementProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'color' | 'style'>;

const AnchorBase = forwardRef<HTMLAnchorElement, AnchorProps & AnchorElementProps>((props, ref) => <Anchor ref={ref} {...props} />);
AnchorBase.displayName = 'AnchorBase';
const CreatedAnchor = createLink(AnchorBase);
export const RouterAnchor: LinkComponent<typeof AnchorBase> = (props) => <CreatedAnchor preload="intent" {...props} />;

const ButtonBase = forwardRef<HTMLAnchorElement, ButtonProps & AnchorElementProps>((props, ref) => <Button ref={ref} component="a" {...props} />);
ButtonBase.displayName = 'ButtonBase';
const CreatedButton = createLink(ButtonBase);
export const LinkButton: LinkComponent<typeof ButtonBase> = (props) => <CreatedButton preload="intent" {...props} />;

const NavLinkBase = forwardRef<HTMLAnchorElement, NavLinkProps & AnchorElementProps>((props, ref) => <NavLink ref={ref} component="a" {...props} />);
NavLinkBase.displayName = 'NavLinkBase';
const CreatedNavLink = createLink(NavLinkBase);
export const RouterNavLink: LinkComponent<typeof NavLinkBase> = (props) => <CreatedNavLink preload="intent" {...props} />;
