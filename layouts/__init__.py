"""Pure component trees and figure builders: plain data in, Dash components or figures out."""
